package io.smtpscope.tls;

import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A STARTTLS server on loopback (the one scripted server, raw) whose TLS speaks only {@code protocols}, e.g. TLS 1.0
 * like a server configured long ago. It offers AUTH inside TLS, answers every AUTH with 535 and every other command
 * with 250, and records each connection's handshake (the protocol, or "failed") and every line received inside TLS.
 * The JVM's TLS policy must be relaxed ({@link TlsContexts#init()}) for its side of TLS 1.0 to work at all.
 */
public final class OldTlsServer implements AutoCloseable {
    private final ScriptedSmtpServer server;
    private final SSLContext context;
    private final String[] protocols;
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private final List<String> insideTls = new CopyOnWriteArrayList<>();

    public OldTlsServer(DemoPki.KeyMaterial certificate, String... protocols) throws IOException {
        this.context = DemoPki.serverContext(certificate);
        this.protocols = protocols.clone();
        this.server = ScriptedSmtpServer.raw(this::serve);
    }

    public int port() {
        return server.port();
    }

    /** Per connection, in order: the negotiated protocol, or "failed". */
    public List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    /**
     * As {@link #handshakes()}, once at least {@code count} connections have an outcome: the server records a
     * refused handshake after the client has already seen it fail, so a test must wait for it (at most 5 s).
     */
    public List<String> handshakes(int count) throws InterruptedException {
        for (int i = 0; i < 100 && handshakes.size() < count; i++) {
            Thread.sleep(50);
        }
        return handshakes();
    }

    /** Every command line received inside TLS, over all connections. */
    public List<String> insideTls() {
        return List.copyOf(insideTls);
    }

    private void serve(Socket plain) throws IOException {
        Conversation c = new Conversation(plain);
        if (!c.smtpUntil("STARTTLS", List.of("STARTTLS", "8BITMIME"))) {
            return;
        }
        c.send("220 2.0.0 Ready to start TLS\r\n");
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, plain.getInetAddress().getHostAddress(),
                plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(protocols);
        try {
            tls.startHandshake();
        } catch (IOException refused) {
            handshakes.add("failed");
            return;
        }
        handshakes.add(tls.getSession().getProtocol());
        Conversation inside = new Conversation(tls);
        String line;
        while ((line = inside.readLine()) != null) {
            insideTls.add(line);
            switch (line.split(" ", 2)[0].toUpperCase(Locale.ROOT)) {
                case "EHLO" -> inside.send("250-old.test\r\n250 AUTH PLAIN LOGIN\r\n");
                case "AUTH" -> inside.send("535 5.7.8 Authentication credentials invalid\r\n");
                case "QUIT" -> {
                    inside.send("221 2.0.0 Bye\r\n");
                    return;
                }
                default -> inside.send("250 2.0.0 ok\r\n");
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
