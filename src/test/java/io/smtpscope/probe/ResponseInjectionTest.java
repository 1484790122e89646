package io.smtpscope.probe;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.net.DialGoal;
import io.smtpscope.net.Dialed;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.SmtpDialer;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import io.smtpscope.tls.TlsPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Response injection against smtpscope itself: a server (or a man in the middle) that sends {@code 220 ready} and
 * {@code 250 injected} in one segment before TLS must not have that 250 taken for the EHLO reply inside TLS — by
 * the scan's dialer, nor by the strict one login and send-test use (RFC 3207 section 4.2).
 */
class ResponseInjectionTest {
    private static final ProbeSettings FAST = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(3),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20));

    private static void assertInjectedReplyDiscarded(TlsPolicy policy) throws Exception {
        try (ScriptedSmtpServer server = InjectionServers.injectsReplyAfter220()) {
            Endpoint endpoint = new Endpoint(new Target("mail.injection.test:" + server.port(), "mail.injection.test",
                    server.port(), Mode.STARTTLS), InetAddress.getLoopbackAddress(), "mail.injection.test");
            Transcript transcript = new Transcript();
            try (Dialed dialed = new SmtpDialer(FAST, policy).dial(endpoint, DialGoal.SESSION, transcript)) {
                assertNull(dialed.error(), () -> String.valueOf(dialed.error()));
                assertTrue(dialed.starttls().upgraded(), dialed.starttls()::toString);
                // The EHLO reply inside TLS is the server's real one (with AUTH), not the plaintext "250 injected".
                assertEquals(List.of("AUTH PLAIN"), dialed.ehloAfterTls().extensions(), dialed.ehloAfterTls()::toString);
                assertFalse(String.valueOf(dialed.ehloAfterTls().text()).contains("injected"), dialed.ehloAfterTls()::toString);
                assertEquals(List.of("PLAIN"), dialed.auth().afterTls());
                assertTrue(transcript.lines().contains("* discarded " + "250 injected\r\n".length()
                        + " plaintext bytes the server sent after its STARTTLS reply"), transcript.lines()::toString);
                assertEquals(250, dialed.command("NOOP", "noop").code(), "the session stays in step after the discard");
            }
        }
    }

    @Test
    void theScanDialerDiscardsAReplyInjectedBeforeTls() throws Exception {
        assertInjectedReplyDiscarded(TlsPolicy.OBSERVING);
    }

    @Test
    void theStrictDialerOfLoginAndSendTestDiscardsItToo() throws Exception {
        assertInjectedReplyDiscarded(TlsPolicy.STRICT);
    }
}
