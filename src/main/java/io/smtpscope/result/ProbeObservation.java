package io.smtpscope.result;

import java.util.List;

/**
 * What the probe's own SMTP dialogue saw on one endpoint — TCP, greeting, EHLO, STARTTLS, the negotiated TLS
 * session, the certificate judged against the endpoint's name — before enumeration adds to the TLS facts and
 * before any judgement. {@code error} is null when the dialogue went as far as it should.
 */
public record ProbeObservation(Reachability reachability, SmtpResult smtp, TlsResult tls, CertificateResult certificate,
                               Timings timings, ProbeError error, List<String> transcript) {
    public ProbeObservation {
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
    }
}
