package io.smtpscope.mtasts;

import io.smtpscope.finding.DomainFindings;
import io.smtpscope.result.Finding;
import io.smtpscope.result.MtaStsResult;

import java.util.List;
import java.util.Map;

/**
 * Compares a domain's MTA-STS result with the previous scan's: a policy whose content changed while the TXT
 * record's id stayed the same is never fetched again by senders that cached the old one (RFC 8461 section 5.1),
 * so they apply the old policy until its max_age runs out. Pure: the caller brings both results.
 */
public final class PolicyHistory {
    private PolicyHistory() {
    }

    /** At most one finding ({@code MTA_STS_ID_UNCHANGED}); none when either scan lacks an id or a fetched policy. */
    public static List<Finding> compare(MtaStsResult previous, MtaStsResult current, DomainFindings out) {
        if (previous == null || current == null || previous.id() == null || current.id() == null
                || previous.policySha256() == null || current.policySha256() == null) {
            return List.of();
        }
        if (!previous.id().equals(current.id()) || previous.policySha256().equals(current.policySha256())) {
            return List.of();
        }
        DomainFindings findings = out.fresh();
        findings.emit("MTA_STS_ID_UNCHANGED", Map.of("id", current.id(), "record_name", current.recordName(),
                "previous_hash", previous.policySha256(), "current_hash", current.policySha256()));
        return findings.findings();
    }
}
