package io.smtpscope.probe;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.net.DialGoal;
import io.smtpscope.net.Dialed;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.SmtpDialer;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STARTTLS command injection: a scripted server that executes what was pipelined with STARTTLS (vulnerable), the
 * same script discarding it, one answering it in plaintext, and the real Postfix (not vulnerable).
 */
class StartTlsInjectionProbeTest {
    private static final ProbeSettings FAST = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(3),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20));

    static StartTlsInjectionProbe.Outcome probe(InetAddress address, int port, String name) {
        Endpoint endpoint = new Endpoint(new Target(name + ":" + port, name, port, Mode.STARTTLS), address, name);
        Transcript transcript = new Transcript();
        try (Dialed dialed = new SmtpDialer(FAST).dial(endpoint, DialGoal.PLAINTEXT_EHLO, transcript)) {
            assertNull(dialed.error(), () -> "dial: " + dialed.error());
            assertNull(dialed.tls(), "the dial stops before STARTTLS");
            return StartTlsInjectionProbe.run(dialed);
        }
    }

    private static StartTlsInjectionProbe.Outcome probe(ScriptedSmtpServer server) {
        return probe(InetAddress.getLoopbackAddress(), server.port(), "mail.injection.test");
    }

    @Test
    void aServerExecutingThePipelinedNoopInsideTlsIsVulnerable() throws Exception {
        try (ScriptedSmtpServer server = InjectionServers.executesInjectedCommands()) {
            StartTlsInjectionProbe.Outcome outcome = probe(server);
            assertEquals(StartTlsInjectionProbe.Status.VULNERABLE, outcome.status(), outcome::toString);
            assertTrue(outcome.evidence().get("replies_before_quit").startsWith("250 "), outcome::toString);
            assertTrue(outcome.evidence().get("quit_reply").startsWith("221"), outcome::toString);
            assertFalse(outcome.evidence().containsKey("plaintext_after_220"), outcome::toString);
        }
    }

    @Test
    void theSameServerDiscardingTheBufferIsNotVulnerable() throws Exception {
        try (ScriptedSmtpServer server = InjectionServers.discardsInjectedCommands()) {
            StartTlsInjectionProbe.Outcome outcome = probe(server);
            assertEquals(StartTlsInjectionProbe.Status.NOT_VULNERABLE, outcome.status(), outcome::toString);
            assertEquals("none", outcome.evidence().get("replies_before_quit"), outcome::toString);
        }
    }

    @Test
    void plaintextAnswersAfterThe220AreRecordedAndNeverReadAsTlsReplies() throws Exception {
        try (ScriptedSmtpServer server = InjectionServers.answersInjectedInPlaintext()) {
            StartTlsInjectionProbe.Outcome outcome = probe(server);
            assertEquals(StartTlsInjectionProbe.Status.NOT_VULNERABLE, outcome.status(), outcome::toString);
            String plaintext = outcome.evidence().get("plaintext_after_220");
            assertTrue(plaintext != null && plaintext.contains("250 2.0.0 ok (plaintext)"), outcome::toString);
            assertTrue(plaintext.contains("\\x0d\\x0a"), "control characters are escaped: " + plaintext);
        }
    }

    @Test
    void aServerWithoutStartTlsIsNotTested() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.raw(s -> new io.smtpscope.demo.Conversation(s)
                .smtpUntil("QUIT", java.util.List.of("PIPELINING")))) {
            StartTlsInjectionProbe.Outcome outcome = probe(server);
            assertEquals(StartTlsInjectionProbe.Status.NOT_TESTED, outcome.status(), outcome::toString);
            assertTrue(outcome.reason().contains("does not advertise STARTTLS"), outcome::reason);
        }
    }

    /**
     * The real Postfix purges its input buffer after the 220 (the CVE-2011-0411 fix, Postfix 2.8.0 and back-ports),
     * so our QUIT is the first command it answers inside TLS.
     */
    @Test
    void realPostfixIsNotVulnerable() throws Exception {
        PostfixFixture postfix = RealServices.postfix();
        StartTlsInjectionProbe.Outcome outcome = probe(InetAddress.getByName(postfix.get("host")),
                postfix.port("smtp_port"), postfix.get("name"));
        assertEquals(StartTlsInjectionProbe.Status.NOT_VULNERABLE, outcome.status(), outcome::toString);
        assertTrue(outcome.evidence().get("starttls_reply").startsWith("220"), outcome::toString);
        assertFalse(outcome.evidence().containsKey("plaintext_after_220"), outcome::toString);
    }
}
