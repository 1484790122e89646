package io.smtpscope.smuggling;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outcomes no real server on this machine produces: a server that rejects the bare line end (Postfix "reject" in
 * 3.9), one that hangs up, one that refuses the recipient, and the connection gate that stops the check.
 */
class SmugglingCheckTest {
    private static final ProbeSettings FAST = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(30));
    private static final List<SmugglingSequence> TWO = List.of(SmugglingSequence.LF_DOT_LF, SmugglingSequence.CR_DOT_CR);

    /** What the server does once the client's data (with the sequence) has arrived. */
    private interface AfterData {
        void act(Conversation c) throws Exception;
    }

    /** A plain SMTP server that accepts MAIL (RCPT as {@code rcptReply}), reads data until a bare LF arrives, then acts. */
    private static ScriptedSmtpServer server(String rcptReply, AfterData afterData) throws Exception {
        return ScriptedSmtpServer.raw(s -> {
            Conversation c = new Conversation(s);
            c.send("220 scripted.test ESMTP\r\n");
            String line;
            while ((line = c.readLine()) != null) {
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> c.send("250-scripted.test\r\n250 PIPELINING\r\n");
                    case "RCPT" -> c.send(rcptReply + "\r\n");
                    case "DATA" -> {
                        c.send("354 go ahead\r\n");
                        ByteArrayOutputStream data = new ByteArrayOutputStream();
                        while (!data.toString(StandardCharsets.ISO_8859_1).contains("MAIL FROM")) {
                            byte[] some = c.readSome(4096);
                            if (some.length == 0) {
                                return;
                            }
                            data.write(some);
                        }
                        afterData.act(c);
                        return;
                    }
                    case "QUIT" -> {
                        c.send("221 bye\r\n");
                        return;
                    }
                    default -> c.send("250 ok\r\n");
                }
            }
        });
    }

    private static SmugglingResult check(ScriptedSmtpServer server, SmugglingCheck.ConnectionGate gate) {
        Endpoint endpoint = new Endpoint(new Target("127.0.0.1:" + server.port(), "127.0.0.1", server.port(), Mode.PLAIN),
                InetAddress.getLoopbackAddress(), null);
        SmugglingRequest request = new SmugglingRequest("me@scripted.test", null, null, Optional.empty(), false,
                TrustAnchors.jdkDefault(), TWO, Duration.ofSeconds(1));
        return new SmugglingCheck(FAST, Clock.systemUTC()).run(endpoint, request,
                EndpointDeadline.startingNow(FAST.totalTimeout()), gate);
    }

    @Test
    void aRejectionAfterTheSequenceIsNotVulnerable() throws Exception {
        try (ScriptedSmtpServer server = server("250 ok", c -> c.send("550 5.5.2 Error: bare <LF> received\r\n"))) {
            SmugglingResult result = check(server, Optional::empty);
            assertEquals(SmugglingResult.Status.NOT_VULNERABLE, result.status(), result::toString);
            assertTrue(result.attempts().stream().allMatch(a -> a.outcome() == SmugglingAttempt.Outcome.REJECTED), result::toString);
            assertTrue(result.evidence().get("lf_dot_lf").contains("550 5.5.2"), result::toString);
        }
    }

    @Test
    void aHangUpAfterTheSequenceIsNotVulnerable() throws Exception {
        try (ScriptedSmtpServer server = server("250 ok", Conversation::reset)) {
            SmugglingResult result = check(server, Optional::empty);
            assertEquals(SmugglingResult.Status.NOT_VULNERABLE, result.status(), result::toString);
            assertTrue(result.attempts().stream().allMatch(a -> a.outcome() == SmugglingAttempt.Outcome.CLOSED), result::toString);
        }
    }

    @Test
    void aRefusedRecipientIsNotTestedAndStopsTheCheck() throws Exception {
        try (ScriptedSmtpServer server = server("550 5.1.1 no such user", c -> c.send("250 ok\r\n"))) {
            SmugglingResult result = check(server, Optional::empty);
            assertEquals(SmugglingResult.Status.NOT_TESTED, result.status(), result::toString);
            assertEquals(SmugglingAttempt.Outcome.NOT_REACHED, result.attempts().get(0).outcome());
            assertTrue(result.attempts().get(0).reply().contains("RCPT TO answered 550"), result::toString);
            assertEquals(SmugglingAttempt.Outcome.SKIPPED, result.attempts().get(1).outcome());
            assertEquals(1, result.connections());
        }
    }

    @Test
    void theConnectionGateIsAskedBeforeEveryConnection() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (ScriptedSmtpServer server = server("250 ok", c -> c.send("550 no\r\n"))) {
            SmugglingResult result = check(server, () -> asked.incrementAndGet() == 1 ? Optional.empty()
                    : Optional.of("connection budget exhausted"));
            assertEquals(SmugglingResult.Status.NOT_TESTED, result.status(), result::toString);
            assertEquals(1, result.connections());
            assertEquals(1, server.accepted(), "the refused second connection was never opened");
            assertTrue(result.attempts().get(1).reply().contains("budget"), result::toString);
        }
    }

    /**
     * A server that never answers after the sequence makes each attempt wait its whole wait; the check starts no
     * attempt that the endpoint deadline could cut short (wait + a command timeout must fit), and says so.
     */
    @Test
    void noAttemptStartsThatTheEndpointDeadlineWouldCut() throws Exception {
        try (ScriptedSmtpServer server = server("250 ok", Conversation::silentUntilClosed)) {
            Endpoint endpoint = new Endpoint(new Target("127.0.0.1:" + server.port(), "127.0.0.1", server.port(), Mode.PLAIN),
                    InetAddress.getLoopbackAddress(), null);
            SmugglingRequest request = new SmugglingRequest("me@scripted.test", null, null, Optional.empty(), false,
                    TrustAnchors.jdkDefault(), List.of(SmugglingSequence.values()), Duration.ofSeconds(1));
            // 1 s wait + 3 s command timeout per attempt: a 6 s deadline leaves room for the first attempts only.
            EndpointDeadline deadline = EndpointDeadline.startingNow(Duration.ofSeconds(6));
            SmugglingResult result = new SmugglingCheck(FAST, Clock.systemUTC()).run(endpoint, request, deadline);
            assertEquals(SmugglingResult.Status.NOT_TESTED, result.status(), result::toString);
            SmugglingAttempt last = result.attempts().get(result.attempts().size() - 1);
            assertEquals(SmugglingAttempt.Outcome.SKIPPED, last.outcome(), result::toString);
            assertTrue(last.reply().contains("deadline"), last::reply);
            assertTrue(result.attempts().get(0).outcome() == SmugglingAttempt.Outcome.KEPT_WAITING, result::toString);
            assertTrue(result.reason().startsWith("only "), result::reason);
            assertTrue(!deadline.passed(), "the check ended before the endpoint deadline");
        }
    }

    @Test
    void theRecipientIsRequired() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SmugglingRequest(" ", null, null, Optional.empty(), false, TrustAnchors.jdkDefault(), List.of(), null))
                .getMessage().contains("explicit recipient"));
    }

}
