package io.smtpscope.demo;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one scripted SMTP server of the demo and the tests, driven by a minimal client on loopback. */
class ScriptedSmtpServerTest {
    private static final DemoPki PKI = new DemoPki("scripted server test CA");

    /** A blocking line client: enough SMTP to drive the server and see exactly what it sent. */
    private static final class Client implements AutoCloseable {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        Client(int port) throws IOException {
            use(new Socket(InetAddress.getLoopbackAddress(), port));
        }

        private void use(Socket s) throws IOException {
            socket = s;
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        /** The lines of one reply, up to the one with a space after the code. */
        List<String> reply() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return lines;
        }

        List<String> command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        /** Upgrades to TLS trusting only the test CA; returns the certificate the server presented. */
        X509Certificate startTls() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", PKI.caCertificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "mail.scripted.test", socket.getPort(), true);
            tls.startHandshake();
            X509Certificate presented = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            use(tls);
            return presented;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static ServerScript wellBehaved(DemoPki.KeyMaterial material) {
        return ServerScript.wellBehaved("mail.scripted.test", DemoPki.serverContext(material), false);
    }

    @Test
    void greetsAnswersEhloUpgradesWithTheGivenCertificateAndSaysGoodbye() throws Exception {
        DemoPki.KeyMaterial material = PKI.issue(List.of("mail.scripted.test"), Duration.ofDays(30));
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(wellBehaved(material));
             Client client = new Client(server.port())) {
            assertEquals(List.of("220 mail.scripted.test ESMTP smtpscope demo"), client.reply());
            List<String> ehlo = client.command("EHLO client.test");
            assertEquals("250-mail.scripted.test", ehlo.getFirst());
            assertEquals("250 STARTTLS", ehlo.getLast());
            assertTrue(ehlo.stream().noneMatch(l -> l.contains("AUTH")), "AUTH only inside TLS: " + ehlo);
            assertEquals(List.of("220 2.0.0 Ready to start TLS"), client.command("STARTTLS"));
            assertEquals(material.leaf(), client.startTls());
            List<String> secure = client.command("EHLO client.test");
            assertEquals("250 AUTH PLAIN LOGIN", secure.getLast());
            assertEquals(List.of("502 5.5.1 STARTTLS not available"), client.command("STARTTLS"), "RFC 3207: not twice");
            assertEquals(List.of("535 5.7.8 Authentication credentials invalid"), client.command("AUTH PLAIN AGFAYg=="));
            assertEquals(List.of("221 2.0.0 Bye"), client.command("QUIT"));
            assertEquals(List.of("EHLO client.test", "STARTTLS", "EHLO client.test", "STARTTLS", "AUTH PLAIN AGFAYg==", "QUIT"),
                    server.received());
            assertEquals(1, server.accepted());
        }
    }

    @Test
    void aResponderAnswersFirstAndQuitStillEnds() throws Exception {
        ServerScript script = ServerScript.wellBehaved("fake.test", null, false)
                .withResponder(line -> line.startsWith("AUTH") ? "334 VXNlcm5hbWU6" : line.isEmpty() ? "501-empty\r\n501 line" : null);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(script); Client client = new Client(server.port())) {
            client.reply();
            assertTrue(client.command("EHLO x").stream().noneMatch(l -> l.contains("STARTTLS")), "no TLS: STARTTLS not offered");
            assertEquals(List.of("334 VXNlcm5hbWU6"), client.command("AUTH LOGIN"));
            assertEquals(List.of("501-empty", "501 line"), client.command(""), "a multi-line answer as given");
            assertEquals(List.of("221 2.0.0 Bye"), client.command("QUIT"));
            assertEquals(List.of("EHLO x", "AUTH LOGIN", "", "QUIT"), server.received());
        }
    }

    @Test
    void implicitTlsGreetsInsideTheHandshakeAndAStartTlsRefusalIsScripted() throws Exception {
        DemoPki.KeyMaterial material = PKI.issue(List.of("mail.scripted.test"), Duration.ofDays(30));
        ServerScript implicit = ServerScript.wellBehaved("mail.scripted.test", DemoPki.serverContext(material), true);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(implicit); Client client = new Client(server.port())) {
            assertEquals(material.leaf(), client.startTls());
            assertEquals(List.of("220 mail.scripted.test ESMTP smtpscope demo"), client.reply());
        }
        ServerScript stripped = wellBehaved(material).withEhloBeforeTls(List.of("XXXXXXXA")).withStartTlsReply("500 5.5.1 Command unrecognized");
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(stripped); Client client = new Client(server.port())) {
            client.reply();
            assertEquals(List.of("250-mail.scripted.test", "250 XXXXXXXA"), client.command("EHLO x"));
            assertEquals(List.of("500 5.5.1 Command unrecognized"), client.command("STARTTLS"));
        }
    }

    @Test
    void anOverlongCommandLineIsRefusedAndTheConnectionEnds() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(wellBehaved(PKI.issue(List.of("x.test"), Duration.ofDays(1))));
             Client client = new Client(server.port())) {
            client.reply();
            assertEquals(List.of("500 5.5.2 line too long"), client.command("NOOP " + "x".repeat(100_000)));
            assertNull(client.in.readLine(), "closed after");
            assertEquals(Conversation.MAX_LINE, server.received().getFirst().length(), "what is kept of a line is bounded");
        }
    }

    @Test
    void aRawBehaviourGetsEveryConnectionAndCloseEndsEvenBlockedOnes() throws Exception {
        CountDownLatch blocked = new CountDownLatch(2);
        ScriptedSmtpServer server = ScriptedSmtpServer.raw(socket -> {
            Conversation c = new Conversation(socket);
            c.drip("220 ".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(50));
            blocked.countDown();
            c.neverReadNeverWrite();
        });
        try (Client first = new Client(server.port()); Client second = new Client(server.port())) {
            long start = System.nanoTime();
            assertEquals('2', first.in.read());
            assertTrue(blocked.await(10, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "dripped, a byte every 50 ms");
            server.close();
            assertEquals(-1, skipTo(first), "closed by the server's close()");
            assertEquals(-1, skipTo(second));
            assertEquals(2, server.accepted());
        }
    }

    /** Reads to the end of the stream (bounded by the client's timeout); -1 when it ended. */
    private static int skipTo(Client client) throws IOException {
        int c;
        do {
            c = client.in.read();
        } while (c >= 0);
        return c;
    }

    @Test
    void connectionsBeyondTheBoundAreClosedAtOnce() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.raw(socket -> new Conversation(socket).neverReadNeverWrite())) {
            List<Client> clients = new ArrayList<>();
            try {
                for (int i = 0; i < ScriptedSmtpServer.MAX_OPEN_CONNECTIONS; i++) {
                    clients.add(new Client(server.port()));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.accepted() < ScriptedSmtpServer.MAX_OPEN_CONNECTIONS && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                try (Client oneTooMany = new Client(server.port())) {
                    assertEquals(-1, skipTo(oneTooMany), "closed without being served");
                }
            } finally {
                for (Client c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void itListensOnLoopbackOnly() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> ScriptedSmtpServer.raw(InetAddress.getByName("192.0.2.1"), s -> { }));
        try (ScriptedSmtpServer other = ScriptedSmtpServer.raw(InetAddress.getByName("127.0.0.2"), s -> new Conversation(s).send("220 two\r\n"));
             Socket socket = new Socket(InetAddress.getByName("127.0.0.2"), other.port())) {
            assertEquals("220 two", new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine());
        }
    }
}
