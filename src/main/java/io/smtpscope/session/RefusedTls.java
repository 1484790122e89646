package io.smtpscope.session;

import io.smtpscope.net.Dialed;
import io.smtpscope.net.DialGoal;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.SmtpDialer;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.tls.TlsContexts;
import io.smtpscope.tls.TlsPolicy;

import java.time.Duration;
import java.util.Optional;

/**
 * Explains a TLS handshake that failed under the strict policy: one more connection, with the scan's observing
 * TLS, shows what the server negotiates when legacy protocols and suites are offered too. That connection says
 * EHLO, STARTTLS (or starts with TLS) and QUIT, nothing else: no credential and no message ever travel over it.
 */
final class RefusedTls {
    /** Not worth a second connection with less time than this left. */
    private static final Duration MINIMUM = Duration.ofSeconds(1);

    private RefusedTls() {
    }

    /** True for a failure the server's TLS offer can explain (not a timeout, not plain text where TLS was due). */
    static boolean worthExplaining(ProbeError error) {
        return error.phase().equals("handshake") && (error.kind() == ErrorKind.HANDSHAKE_ERROR
                || error.kind() == ErrorKind.CONNECTION_CLOSED || error.kind() == ErrorKind.CONNECTION_RESET);
    }

    /** What the observing handshake reveals, in words for the login or send-test error; empty when nothing helps. */
    static Optional<String> explain(Endpoint endpoint, ProbeSettings settings, Duration left, Transcript transcript) {
        if (left.compareTo(MINIMUM) < 0) {
            return Optional.empty();
        }
        transcript.note("the TLS handshake failed under the policy for credentials and test messages; connecting once"
                + " more with the scan's TLS (legacy protocols and suites offered too) to see what the server accepts;"
                + " nothing but EHLO and STARTTLS is sent");
        TlsResult seen;
        try (Dialed observed = new SmtpDialer(within(settings, left), TlsPolicy.OBSERVING)
                .dial(endpoint, DialGoal.SESSION, new Transcript())) {
            seen = observed.tls();
            if (observed.error() == null) {
                observed.quit();
            }
        }
        if (seen == null) {
            transcript.note("that handshake failed too");
            return Optional.empty();
        }
        transcript.note("with legacy algorithms offered the server negotiates " + seen.protocol() + ", " + seen.cipherSuite());
        return Optional.of(TlsContexts.strictlyRefused(seen.protocol(), seen.cipherSuite())
                .map(refused -> refused.startsWith("protocol ")
                        ? "The server offers at most " + seen.protocol() + ", which smtpscope refuses for credentials and"
                        + " test messages: they travel over TLS 1.2 or 1.3 only (RFC 8996)"
                        : "The server agrees to " + seen.protocol() + " only with the " + refused + ", which smtpscope"
                        + " refuses for credentials and test messages (the JDK's default algorithm policy,"
                        + " jdk.tls.disabledAlgorithms)")
                .orElse("With legacy algorithms offered too the server completes a handshake (" + seen.protocol() + ", "
                        + seen.cipherSuite() + "): it needs something else smtpscope refuses for credentials and test"
                        + " messages, such as a SHA-1 signature or a weak key exchange group")
                + ". No option overrides this; 'smtpscope scan' shows everything the server accepts.");
    }

    private static ProbeSettings within(ProbeSettings settings, Duration left) {
        return settings.withTimeouts(min(settings.connectTimeout(), left), min(settings.bannerTimeout(), left),
                min(settings.commandTimeout(), left), min(settings.tlsTimeout(), left), left);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
