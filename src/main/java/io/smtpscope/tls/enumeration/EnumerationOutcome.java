package io.smtpscope.tls.enumeration;

import io.smtpscope.result.TlsResult;

import java.util.List;

/** What one enumeration found ({@code tls}, as reported) and, beside it, why each dimension left out was left out. */
public record EnumerationOutcome(TlsResult tls, List<Skipped> skipped) {
    public EnumerationOutcome {
        skipped = List.copyOf(skipped);
    }
}
