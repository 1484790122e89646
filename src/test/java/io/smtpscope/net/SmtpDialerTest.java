package io.smtpscope.net;

import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.Reachability;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one dialer, against scripted servers on loopback: how far it gets, what it records, how it fails. */
class SmtpDialerTest {
    private static final DemoPki PKI = new DemoPki("dialer test CA");
    private static final SSLContext TLS = DemoPki.serverContext(PKI.issue(List.of("mail.dialer.test"), Duration.ofDays(30)));
    private static final ProbeSettings FAST = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(8));

    private static Endpoint endpoint(int port, Mode mode) {
        return new Endpoint(new Target("mail.dialer.test:" + port, "mail.dialer.test", port, mode),
                InetAddress.getLoopbackAddress(), "mail.dialer.test");
    }

    private static Dialed dial(int port, Mode mode, DialGoal goal) {
        return new SmtpDialer(FAST).dial(endpoint(port, mode), goal, new Transcript());
    }

    @Test
    void aSessionOverStartTlsIsGreetedUpgradedAndGreetedAgain() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.dialer.test", TLS, false));
             Dialed dialed = dial(server.port(), Mode.STARTTLS, DialGoal.SESSION)) {
            assertNull(dialed.error(), () -> String.valueOf(dialed.error()));
            assertTrue(dialed.open());
            assertEquals(220, dialed.banner().code());
            assertEquals("EHLO", dialed.ehlo().command());
            assertTrue(dialed.starttls().upgraded());
            assertNotNull(dialed.tls());
            assertEquals("mail.dialer.test", dialed.tls().sni());
            assertFalse(dialed.chain().isEmpty());
            assertEquals(List.of(), dialed.auth().beforeTls(), "AUTH only inside TLS");
            assertEquals(List.of("PLAIN", "LOGIN"), dialed.auth().afterTls());
            assertTrue(dialed.extensions().has("AUTH"), "the extensions are those of the EHLO inside TLS");
            assertEquals(250, dialed.command("NOOP", "noop").code(), "the session is usable");
            assertNotNull(dialed.timings().handshake());
        }
    }

    @Test
    void tlsReadyStopsAfterTheStartTls220WithoutTouchingTls() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.dialer.test", TLS, false));
             Dialed dialed = dial(server.port(), Mode.STARTTLS, DialGoal.TLS_READY)) {
            assertNull(dialed.error());
            assertNull(dialed.tls(), "no handshake: the caller sends its own ClientHello");
            assertEquals(List.of("(greeting)", "EHLO", "STARTTLS"), dialed.replies().stream().map(r -> r.command()).toList());
        }
    }

    @Test
    void tlsReadyOnAnImplicitTlsPortReadsNothing() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.dialer.test", TLS, true));
             Dialed dialed = dial(server.port(), Mode.IMPLICIT_TLS, DialGoal.TLS_READY)) {
            assertNull(dialed.error());
            assertTrue(dialed.open());
            assertNull(dialed.banner(), "the greeting comes inside TLS: not read yet");
        }
    }

    @Test
    void helloFallsBackToHeloAfterA5xxToEhlo() throws Exception {
        ServerScript script = ServerScript.wellBehaved("mail.dialer.test", null, false)
                .withResponder(line -> line.startsWith("EHLO") ? "502 5.5.1 EHLO not implemented" : null);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
             Dialed dialed = dial(server.port(), Mode.STARTTLS, DialGoal.SESSION)) {
            assertNull(dialed.error(), () -> String.valueOf(dialed.error()));
            assertEquals("HELO", dialed.ehlo().command());
            assertEquals(250, dialed.ehlo().code());
            assertFalse(dialed.starttls().upgraded() != null && dialed.starttls().upgraded(), "no TLS on offer here");
        }
    }

    /** Greets with {@code greeting}, then answers QUIT (and nothing else). */
    private static ScriptedSmtpServer greetingWith(String greeting) throws IOException {
        return ScriptedSmtpServer.raw(socket -> {
            Conversation c = new Conversation(socket).send(greeting + "\r\n");
            String line = c.readLine();
            if (line != null && line.equalsIgnoreCase("QUIT")) {
                c.send("221 2.0.0 bye\r\n");
            }
        });
    }

    @Test
    void aRefusedGreetingIsRejectedNotWorthRetryingAndPolitelyQuit() throws Exception {
        try (ScriptedSmtpServer server = greetingWith("554 5.7.1 no service for you")) {
            Dialed dialed = dial(server.port(), Mode.STARTTLS, DialGoal.SESSION);
            assertEquals(ErrorKind.REJECTED, dialed.error().kind());
            assertEquals("banner", dialed.error().phase());
            assertFalse(dialed.retryWorthy());
            assertFalse(dialed.open());
            assertEquals("QUIT", dialed.replies().getLast().command(), "RFC 5321 3.1: QUIT after a 554 greeting");
        }
    }

    @Test
    void aBusyGreetingIsRateLimitedAndWorthRetrying() throws Exception {
        try (ScriptedSmtpServer server = greetingWith("421 4.7.0 too many connections")) {
            Dialed dialed = dial(server.port(), Mode.STARTTLS, DialGoal.TLS_READY);
            assertEquals(ErrorKind.RATE_LIMITED, dialed.error().kind());
            assertTrue(dialed.retryWorthy());
        }
    }

    @Test
    void aRefusedStartTlsLeavesAPlaintextSessionButFailsARawHello() throws Exception {
        ServerScript script = ServerScript.wellBehaved("mail.dialer.test", TLS, false).withStartTlsReply("454 4.7.0 TLS not available");
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(script)) {
            try (Dialed session = dial(server.port(), Mode.STARTTLS, DialGoal.SESSION)) {
                assertNull(session.error(), "for a session a refusal is a fact, not a failure");
                assertTrue(session.open());
                assertEquals(454, session.starttls().code());
                assertNull(session.tls());
            }
            Dialed raw = dial(server.port(), Mode.STARTTLS, DialGoal.TLS_READY);
            assertNotNull(raw.error(), "no raw hello without a 220");
            assertTrue(raw.retryWorthy(), "454 is temporary (RFC 3207 section 4)");
        }
    }

    @Test
    void aClosedPortIsRefusedBeforeAnySmtp() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Dialed dialed = dial(port, Mode.STARTTLS, DialGoal.SESSION);
        assertEquals(Reachability.REFUSED, dialed.reachability());
        assertEquals(ErrorKind.CONNECTION_REFUSED, dialed.error().kind());
        assertFalse(dialed.connected());
        assertTrue(dialed.retryWorthy());
    }

    @Test
    void aSilentServerEndsAtTheBannerTimeoutWithTheServiceNamed() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.raw(socket -> {
            Conversation c = new Conversation(socket);
            c.readLine(); // the identification line, answered like a web server
            c.send("HTTP/1.1 400 Bad Request\r\n\r\n");
            c.silentUntilClosed();
        })) {
            Dialed dialed = dial(server.port(), Mode.STARTTLS, DialGoal.SESSION);
            assertEquals(ErrorKind.NOT_SMTP, dialed.error().kind(), () -> dialed.error().message());
            assertEquals("http", dialed.banner().service());
        }
    }

    @Test
    void theWatchdogEndsAServerThatNeverAnswersWithinTheTotalDeadline() throws Exception {
        ProbeSettings tight = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1));
        try (ScriptedSmtpServer server = ScriptedSmtpServer.raw(socket -> new Conversation(socket).neverReadNeverWrite())) {
            Dialed dialed = new SmtpDialer(tight).dial(endpoint(server.port(), Mode.STARTTLS), DialGoal.SESSION, new Transcript());
            assertEquals(ErrorKind.DEADLINE_EXCEEDED, dialed.error().kind(), () -> dialed.error().message());
            assertEquals("banner", dialed.error().phase());
        }
    }
}
