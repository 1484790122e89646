package io.smtpscope.smuggling;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.mail.MailTransaction;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.session.SessionOpener;
import io.smtpscope.session.SmtpConnection;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP smuggling check against the real Postfix 3.7: {@code smtpd_forbid_bare_newline = no} (vulnerable: the
 * test message is delivered to the sink) and {@code = normalize} (fixed: every sequence is waited out, and the sink
 * and the queue prove that nothing was delivered).
 */
class SmugglingPostfixTest {
    private static final ProbeSettings SETTINGS = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
    /** Postfix answers a taken sequence at once; 2 s tells "still reading data" on loopback. */
    private static final Duration WAIT = Duration.ofSeconds(2);
    /** Delivery to the maildir takes well under a second here; bounded generously for a loaded machine. */
    private static final long DELIVERY_MILLIS = 30_000;

    private static Endpoint endpoint(PostfixSink sink, int port) throws Exception {
        String name = sink.postfix().get("name");
        return new Endpoint(new Target(name + ":" + port, name, port, Mode.STARTTLS), sink.host(), name);
    }

    private static SmugglingResult check(PostfixSink sink, int port) throws Exception {
        SmugglingRequest request = new SmugglingRequest(PostfixSink.RECIPIENT, null, null, Optional.empty(), false,
                sink.anchors(), List.of(), WAIT);
        return new SmugglingCheck(SETTINGS, Clock.systemUTC()).run(endpoint(sink, port), request,
                EndpointDeadline.startingNow(SETTINGS.totalTimeout()));
    }

    private static List<Path> awaitDelivery(PostfixSink sink, String token) throws InterruptedException {
        long end = System.nanoTime() + DELIVERY_MILLIS * 1_000_000;
        List<Path> found = sink.delivered(token);
        while (found.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
            found = sink.delivered(token);
        }
        return found;
    }

    @Test
    void bareNewlineAllowedIsVulnerableAndTheTestMessageIsDelivered() throws Exception {
        PostfixSink sink = PostfixSink.get();
        SmugglingResult result = check(sink, sink.port("vulnerable_port"));
        assertEquals(SmugglingResult.Status.VULNERABLE, result.status(), result::toString);
        SmugglingAttempt first = result.attempts().get(0);
        assertEquals(SmugglingSequence.LF_DOT_LF, first.sequence());
        assertEquals(SmugglingAttempt.Outcome.TAKEN_AS_END_OF_DATA, first.outcome(), first::toString);
        assertTrue(first.reply().startsWith("250 ") && first.reply().contains("queued as"), first::reply);
        assertTrue(first.smuggledReply() != null && first.smuggledReply().startsWith("250"),
                "Postfix read the smuggled MAIL FROM as a command: " + first.smuggledReply());
        assertTrue(result.attempts().stream().skip(1).allMatch(a -> a.outcome() == SmugglingAttempt.Outcome.SKIPPED),
                "one test message is enough: " + result.attempts());
        assertEquals(1, result.connections());
        assertTrue(result.evidence().get("test_message_accepted").startsWith("yes"), result.evidence()::toString);
        // The accepted test message really reaches the sink.
        List<Path> delivered = awaitDelivery(sink, result.token());
        assertEquals(1, delivered.size(), () -> "delivered: " + delivered);
    }

    @Test
    void normalizeIsNotVulnerableAndTheRefusedAttemptsDeliverNothing() throws Exception {
        PostfixSink sink = PostfixSink.get();
        int port = sink.port("fixed_port");
        SmugglingResult result = check(sink, port);
        assertEquals(SmugglingResult.Status.NOT_VULNERABLE, result.status(), result::toString);
        assertEquals(SmugglingSequence.values().length, result.attempts().size());
        assertTrue(result.attempts().stream().allMatch(a -> a.outcome() == SmugglingAttempt.Outcome.KEPT_WAITING),
                result.attempts()::toString);
        assertEquals(SmugglingSequence.values().length, result.connections(), "one connection per sequence");
        assertTrue(result.evidence().get("test_message_accepted").startsWith("no"), result.evidence()::toString);

        // The bound on "nothing was delivered": a control message sent properly through the same port afterwards
        // is delivered; once it is in the sink, anything queued before it had its chance too.
        String control = "smtpscope-control-" + UUID.randomUUID();
        sendControl(sink, port, control);
        assertFalse(awaitDelivery(sink, control).isEmpty(), "the control message was delivered (the sink works)");
        assertEquals(List.of(), sink.delivered(result.token()), "no smuggling test message reached the sink");
        if (sink.queueReadable()) {
            assertEquals(List.of(), sink.queued(result.token()), "no smuggling test message waits in the queue");
        }
    }

    private static void sendControl(PostfixSink sink, int port, String token) throws Exception {
        SessionOpener opener = new SessionOpener(SETTINGS, new ChainValidator(sink.anchors()), Clock.systemUTC());
        try (SmtpConnection connection = opener.open(endpoint(sink, port), new Transcript())) {
            byte[] message = ("Subject: " + token + "\r\nFrom: <bob@smtpscope.test>\r\nTo: <bob@smtpscope.test>\r\n\r\n"
                    + "control message of the smuggling test\r\n").getBytes(StandardCharsets.US_ASCII);
            MailTransaction.Result sent = MailTransaction.send(connection, PostfixSink.RECIPIENT,
                    List.of(PostfixSink.RECIPIENT), message);
            assertTrue(sent.accepted(), sent::toString);
            connection.quit();
        }
    }
}
