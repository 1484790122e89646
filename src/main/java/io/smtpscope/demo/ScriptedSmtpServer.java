package io.smtpscope.demo;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small in-process SMTP server on loopback that follows a {@link ServerScript}: enough of RFC 5321 and
 * RFC 3207 for a scan (greeting, EHLO/HELO, STARTTLS, NOOP, QUIT). It never accepts mail. Used by the
 * {@code demo} command and by tests for behaviour no real MTA shows.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private static final int MAX_LINE = 2048;

    private final ServerScript script;
    private final ServerSocket listener;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread acceptor;

    public ScriptedSmtpServer(ServerScript script) throws IOException {
        this.script = script;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("demo-smtp-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket plain = socket) {
            plain.setSoTimeout(30_000);
            Socket current = script.implicitTls() ? upgrade(plain) : plain;
            converse(current);
        } catch (IOException | RuntimeException ignored) {
            // a client that goes away is normal for a scan
        }
    }

    private void converse(Socket socket) throws IOException {
        boolean tls = script.implicitTls();
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, 220, script.banner());
        String line;
        while ((line = in.readLine()) != null) {
            if (line.length() > MAX_LINE) {
                reply(out, 500, List.of("5.5.2 line too long"));
                return;
            }
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    List<String> ext = tls ? script.ehloAfterTls() : script.ehloBeforeTls();
                    java.util.List<String> lines = new java.util.ArrayList<>();
                    lines.add(script.hostname());
                    lines.addAll(ext);
                    reply(out, 250, lines);
                }
                case "HELO" -> reply(out, 250, List.of(script.hostname()));
                case "NOOP" -> reply(out, 250, List.of("2.0.0 OK"));
                case "STARTTLS" -> {
                    if (tls || script.tls() == null) {
                        reply(out, 502, List.of("5.5.1 STARTTLS not available"));
                    } else if (script.startTlsReply() != null) {
                        out.write((script.startTlsReply() + "\r\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } else {
                        reply(out, 220, List.of("2.0.0 Ready to start TLS"));
                        socket = upgrade(socket);
                        in = reader(socket);
                        out = socket.getOutputStream();
                        tls = true;
                    }
                }
                case "QUIT" -> {
                    reply(out, 221, List.of("2.0.0 Bye"));
                    return;
                }
                case "AUTH" -> reply(out, 535, List.of("5.7.8 Authentication credentials invalid"));
                default -> reply(out, 502, List.of("5.5.2 Command not implemented"));
            }
        }
    }

    private Socket upgrade(Socket plain) throws IOException {
        SSLSocketFactory factory = script.tls().getSocketFactory();
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        restrict(tls);
        tls.startHandshake();
        return tls;
    }

    /**
     * The JVM running the demo also runs the scanner, which relaxes the JDK's TLS policy to observe old servers;
     * set the server's own policy explicitly so that a "good" demo server is good: TLS 1.2/1.3, ECDHE, AEAD.
     */
    private void restrict(SSLSocket tls) {
        java.util.List<String> protocols = script.legacyTls()
                ? java.util.List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1") : java.util.List.of("TLSv1.3", "TLSv1.2");
        tls.setEnabledProtocols(java.util.Arrays.stream(tls.getSupportedProtocols()).filter(protocols::contains)
                .toArray(String[]::new));
        tls.setEnabledCipherSuites(java.util.Arrays.stream(tls.getSupportedCipherSuites())
                .filter(s -> script.legacyTls() ? legacySuite(s) || modernSuite(s) : modernSuite(s))
                .toArray(String[]::new));
    }

    private static boolean modernSuite(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                || suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20"));
    }

    private static boolean legacySuite(String suite) {
        return suite.startsWith("TLS_RSA_WITH_AES_") || suite.startsWith("TLS_ECDHE_") && suite.contains("_CBC_");
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void reply(OutputStream out, int code, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i < lines.size() - 1 ? '-' : ' ').append(lines.get(i)).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        connections.shutdownNow();
        acceptor.interrupt();
    }
}
