package io.smtpscope.session;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.net.DialGoal;
import io.smtpscope.net.Dialed;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.SmtpDialer;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.text.Printable;
import io.smtpscope.tls.TlsPolicy;

import java.time.Clock;
import java.time.Duration;

/**
 * Opens an SMTP session to one endpoint the way a mail client does before AUTH or MAIL, through the same
 * {@link SmtpDialer} as the scan but with the strict TLS policy ({@link TlsPolicy#STRICT}: credentials and test
 * messages never travel over TLS a mail client would refuse), and judges the certificate with the scan's
 * {@link ChainValidator}. Unlike the scan it stops at the first failure (a {@link SessionOpenException}) and
 * leaves the session open for the caller.
 */
public final class SessionOpener {
    private final ProbeSettings settings;
    private final SmtpDialer dialer;
    private final ChainValidator validator;
    private final Clock clock;

    public SessionOpener(ProbeSettings settings, ChainValidator validator, Clock clock) {
        this.settings = settings;
        this.dialer = new SmtpDialer(settings, TlsPolicy.STRICT);
        this.validator = validator;
        this.clock = clock;
    }

    /** Opens the session; on failure the connection is closed and the transcript so far stays in {@code transcript}. */
    public SmtpConnection open(Endpoint endpoint, Transcript transcript) throws SessionOpenException {
        long started = System.nanoTime();
        Dialed dialed = dialer.dial(endpoint, DialGoal.SESSION, transcript);
        ProbeError error = dialed.error();
        if (error != null) {
            String message = error.message();
            if (RefusedTls.worthExplaining(error)) {
                Duration left = settings.totalTimeout().minusNanos(System.nanoTime() - started);
                message += RefusedTls.explain(endpoint, settings, left, transcript).map(why -> ". " + why).orElse("");
            }
            throw new SessionOpenException(error.phase(), message);
        }
        HelloReply again = dialed.ehloAfterTls();
        if (again != null && (again.code() == null || again.code() / 100 != 2)) {
            dialed.quit();
            dialed.close();
            throw new SessionOpenException("ehlo_after_tls", "the server answered " + again.code() + " to EHLO after TLS: "
                    + Printable.shorten(String.valueOf(again.text()), 200));
        }
        noteUnencrypted(dialed.starttls(), transcript);
        CertificateResult certificate = null;
        if (dialed.tls() != null) {
            certificate = validator.inspect(dialed.chain(), endpoint.nameToCheck() != null ? endpoint.nameToCheck()
                    : endpoint.host(), clock.instant());
            transcript.note("certificate " + (certificate.trusted() ? "trusted" : "NOT trusted") + ", name "
                    + (certificate.nameMatches() ? "matches" : "does NOT match") + " " + certificate.nameChecked());
        }
        return new SmtpConnection(endpoint, dialed, certificate);
    }

    /** Without STARTTLS on offer, or refused, the session goes on in plain text: say so where the user reads. */
    private static void noteUnencrypted(StartTlsResult starttls, Transcript transcript) {
        if (starttls == null || Boolean.TRUE.equals(starttls.upgraded())) {
            return;
        }
        if (!starttls.attempted()) {
            transcript.note("the server does not offer STARTTLS: the session stays unencrypted");
        } else {
            transcript.note("STARTTLS refused (" + starttls.code() + "): the session stays unencrypted");
        }
    }
}
