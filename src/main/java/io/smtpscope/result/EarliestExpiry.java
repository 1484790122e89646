package io.smtpscope.result;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The leaf certificate that expires first across all endpoints of a run: the one number a monitoring
 * check looks at first. {@code days_remaining} is counted from the run time (completed whole days, see {@link ExpiryDays}).
 */
public record EarliestExpiry(String host, int port, Instant notAfter, long daysRemaining) {

    /** Null when no endpoint presented a certificate. */
    public static EarliestExpiry of(List<EndpointResult> endpoints) {
        return endpoints.stream()
                .filter(e -> e.certificate() != null && !e.certificate().chain().isEmpty()
                        && e.certificate().chain().get(0).notAfter() != null)
                .min(Comparator.comparing((EndpointResult e) -> e.certificate().chain().get(0).notAfter())
                        .thenComparing(EndpointResult::host).thenComparingInt(EndpointResult::port))
                .map(e -> new EarliestExpiry(e.host(), e.port(), e.certificate().chain().get(0).notAfter(),
                        e.certificate().daysRemaining()))
                .orElse(null);
    }
}
