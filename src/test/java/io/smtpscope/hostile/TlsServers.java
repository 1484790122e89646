package io.smtpscope.hostile;

import io.smtpscope.demo.DemoPki;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Server-side TLS for the scenarios: a real JDK TLS server, and an SMTP server that upgrades after STARTTLS. */
final class TlsServers {
    private static final SSLContext DEFAULT = DemoPki.serverContext(
            HostileBatch.pki().issue(List.of("tls.hostile.test"), Duration.ofDays(90)));

    private TlsServers() {
    }

    static SSLContext context() {
        return DEFAULT;
    }

    /** Implicit TLS, as on port 465: silent until a ClientHello arrives. */
    static void realTlsServer(Socket socket) throws IOException {
        SSLSocket tls = wrap(socket, DEFAULT);
        tls.startHandshake();
        new Conversation(tls).silentUntilClosed();
    }

    static SSLSocket wrap(Socket plain, SSLContext context) throws IOException {
        plain.setSoTimeout(30_000);
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        return tls;
    }

    /**
     * SMTP with STARTTLS served by {@code context}: the scenarios put a hostile certificate into it. After the
     * upgrade it answers EHLO and QUIT inside TLS.
     */
    static void startTlsWith(Socket socket, SSLContext context) throws IOException {
        Conversation plain = new Conversation(socket);
        if (!plain.smtpUntil("STARTTLS", List.of("PIPELINING", "STARTTLS"))) {
            return;
        }
        plain.send("220 2.0.0 ready to start TLS\r\n");
        SSLSocket tls = wrap(socket, context);
        tls.startHandshake();
        Conversation secure = new Conversation(tls);
        String line;
        while ((line = secure.readLine()) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals("QUIT")) {
                secure.send("221 2.0.0 bye\r\n");
                return;
            }
            secure.send(verb.equals("EHLO") ? "250-hostile.test\r\n250 AUTH PLAIN\r\n" : "250 2.0.0 ok\r\n");
        }
    }
}
