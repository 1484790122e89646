package io.smtpscope.finding;

import io.smtpscope.result.Severity;

import java.util.List;
import java.util.Map;

/**
 * The part of a profile that judgement needs: thresholds and per-finding severity overrides.
 * {@code minTlsVersion} is a protocol name as the report writes it (TLSv1.2); {@code slowBannerMillis}
 * is how long a greeting may take before SLOW_BANNER.
 */
public record JudgePolicy(int expiryWarnDays, int expiryFailDays, Map<String, Severity> severityOverrides,
                          long slowBannerMillis, int minRsaBits, String minTlsVersion) {
    /** Protocol names in rising order; the index is the rank used for comparisons. */
    public static final List<String> TLS_VERSIONS = List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    public JudgePolicy {
        severityOverrides = Map.copyOf(severityOverrides);
        if (!TLS_VERSIONS.contains(minTlsVersion)) {
            throw new IllegalArgumentException("unknown TLS version '" + minTlsVersion + "' (expected one of "
                    + String.join(", ", TLS_VERSIONS) + ")");
        }
    }

    /** Thresholds of the first version, defaults for the rest. */
    public JudgePolicy(int expiryWarnDays, int expiryFailDays, Map<String, Severity> severityOverrides) {
        this(expiryWarnDays, expiryFailDays, severityOverrides, 10_000, 2048, "TLSv1.2");
    }

    public static JudgePolicy defaults() {
        return new JudgePolicy(21, 7, Map.of());
    }

    /** Rank of a protocol name in {@link #TLS_VERSIONS}; -1 when unknown (never judged). */
    public static int tlsRank(String protocol) {
        return protocol == null ? -1 : TLS_VERSIONS.indexOf(protocol);
    }
}
