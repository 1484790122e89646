package io.smtpscope.finding;

import io.smtpscope.result.Severity;

import java.util.Map;

/** The part of a profile that judgement needs: thresholds and per-finding severity overrides. */
public record JudgePolicy(int expiryWarnDays, int expiryFailDays, Map<String, Severity> severityOverrides) {
    public JudgePolicy {
        severityOverrides = Map.copyOf(severityOverrides);
    }

    public static JudgePolicy defaults() {
        return new JudgePolicy(21, 7, Map.of());
    }
}
