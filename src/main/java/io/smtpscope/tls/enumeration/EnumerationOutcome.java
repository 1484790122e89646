package io.smtpscope.tls.enumeration;

import io.smtpscope.result.TlsResult;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What one enumeration found ({@code tls}, as reported) and, beside it, why each dimension left out was left out,
 * and the certificate chains seen, one per key type, leaf first ({@code chains}: in memory only, for DANE; the
 * report lists their leaves in {@code certificates_seen}).
 */
public record EnumerationOutcome(TlsResult tls, List<Skipped> skipped, List<List<X509Certificate>> chains) {
    public EnumerationOutcome {
        skipped = List.copyOf(skipped);
        chains = chains == null ? List.of() : List.copyOf(chains);
    }

    public EnumerationOutcome(TlsResult tls, List<Skipped> skipped) {
        this(tls, skipped, List.of());
    }
}
