package io.smtpscope.probe;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.net.DialGoal;
import io.smtpscope.net.Dialed;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.SmtpDialer;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.Timings;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Probes one endpoint the way a careful SMTP client would: the {@link SmtpDialer} takes it through greeting, EHLO
 * and TLS; then QUIT, and the certificate is judged against the name the endpoint must answer for. Every outcome,
 * every failure included, becomes data in the {@link ProbeObservation}; nothing is thrown. It never sends MAIL,
 * RCPT or DATA.
 */
public final class EndpointProbe {
    private final SmtpDialer dialer;
    private final ChainValidator validator;
    private final Clock clock;

    public EndpointProbe(ProbeSettings settings, ChainValidator validator, Clock clock) {
        this.dialer = new SmtpDialer(settings);
        this.validator = validator;
        this.clock = clock;
    }

    /** A probe with the endpoint to itself: its deadline is the profile's total timeout from now. */
    public ProbeObservation run(Endpoint endpoint) {
        return run(endpoint, EndpointDeadline.startingNow(dialer.settings().totalTimeout()));
    }

    /** A probe that ends by {@code deadline}, the endpoint's, which what follows the probe shares. */
    public ProbeObservation run(Endpoint endpoint, EndpointDeadline deadline) {
        long startNanos = System.nanoTime();
        Transcript transcript = new Transcript();
        Dialed dialed = dialer.dial(endpoint, DialGoal.SESSION, transcript, deadline);
        try (dialed) {
            if (dialed.open()) {
                dialed.quit();
            }
        }
        long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        transcript.note("done in " + totalMs + " ms" + (dialed.error() != null
                ? " (" + dialed.error().kind() + " during " + dialed.error().phase() + ")" : ""));
        CertificateResult certificate = dialed.chain().isEmpty() ? null
                : validator.inspect(dialed.chain(), endpoint.nameToCheck() != null ? endpoint.nameToCheck() : endpoint.host(),
                        clock.instant());
        SmtpResult smtp = dialed.connected() ? new SmtpResult(dialed.banner(), dialed.ehlo(), dialed.ehloAfterTls(),
                dialed.starttls(), dialed.auth(), dialed.replies()) : null;
        Timings phases = dialed.timings();
        return new ProbeObservation(dialed.reachability(), smtp, dialed.tls(), certificate,
                new Timings(phases.connect(), phases.banner(), phases.ehlo(), phases.starttls(), phases.handshake(), totalMs),
                dialed.error(), transcript.lines(), dialed.chain());
    }
}
