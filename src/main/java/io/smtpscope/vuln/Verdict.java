package io.smtpscope.vuln;

import io.smtpscope.result.VulnerabilityStatus;

import java.util.Map;

/** What one check concluded, why (one line), and the evidence it saw. */
public record Verdict(VulnerabilityStatus status, String reason, Map<String, String> evidence) {
    public Verdict {
        evidence = evidence == null ? Map.of() : evidence;
    }

    public static Verdict vulnerable(String reason, Evidence evidence) {
        return new Verdict(VulnerabilityStatus.VULNERABLE, reason, evidence.asMap());
    }

    public static Verdict notVulnerable(String reason, Evidence evidence) {
        return new Verdict(VulnerabilityStatus.NOT_VULNERABLE, reason, evidence.asMap());
    }

    public static Verdict notTested(String reason, Evidence evidence) {
        return new Verdict(VulnerabilityStatus.NOT_TESTED, reason, evidence.asMap());
    }

    public static Verdict notTested(String reason) {
        return new Verdict(VulnerabilityStatus.NOT_TESTED, reason, Map.of());
    }
}
