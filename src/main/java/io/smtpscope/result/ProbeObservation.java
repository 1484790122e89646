package io.smtpscope.result;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the probe's own SMTP dialogue saw on one endpoint — TCP, greeting, EHLO, STARTTLS, the negotiated TLS
 * session, the certificate judged against the endpoint's name — before enumeration adds to the TLS facts and
 * before any judgement. {@code error} is null when the dialogue went as far as it should. {@code chainSeen}: the
 * certificates exactly as sent (for checks that need their encoding, such as DANE); never written to a report.
 */
public record ProbeObservation(Reachability reachability, SmtpResult smtp, TlsResult tls, CertificateResult certificate,
                               Timings timings, ProbeError error, List<String> transcript,
                               List<X509Certificate> chainSeen) {
    public ProbeObservation {
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        chainSeen = chainSeen == null ? List.of() : List.copyOf(chainSeen);
    }

    public ProbeObservation(Reachability reachability, SmtpResult smtp, TlsResult tls, CertificateResult certificate,
                            Timings timings, ProbeError error, List<String> transcript) {
        this(reachability, smtp, tls, certificate, timings, error, transcript, List.of());
    }
}
