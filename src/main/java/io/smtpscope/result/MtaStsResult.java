package io.smtpscope.result;

import java.util.ArrayList;
import java.util.List;

/**
 * MTA-STS of one mail domain (RFC 8461): the {@code _mta-sts} TXT lookup and its records, the policy id, the fetch
 * of the policy file, the parsed policy and a SHA-256 of its canonical form (version, mode, max_age and sorted mx
 * patterns, so that a history can tell a changed policy whose id stayed the same), the MX hosts against the
 * policy, and the findings.
 */
public record MtaStsResult(String domain, String recordName, TxtStatus dnsStatus, Boolean dnsSecure, String dnsError,
                           List<String> records, String id, PolicyFetch fetch, MtaStsPolicy policy,
                           String policySha256, List<MxCoverage> mxCoverage, List<Finding> findings) {
    public MtaStsResult {
        records = records == null ? List.of() : List.copyOf(records);
        mxCoverage = mxCoverage == null ? List.of() : List.copyOf(mxCoverage);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** What the MX evaluation adds: a result without it, to evaluate again (re-judging a saved report). */
    public static final List<String> MX_FINDINGS = List.of("MTA_STS_MX_NOT_COVERED", "MTA_STS_MX_CERT_INVALID");

    public MtaStsResult withoutMxCoverage() {
        return new MtaStsResult(domain, recordName, dnsStatus, dnsSecure, dnsError, records, id, fetch, policy,
                policySha256, List.of(), findings.stream().filter(f -> !MX_FINDINGS.contains(f.id())).toList());
    }

    /** The same result with the MX hosts evaluated and their findings appended. */
    public MtaStsResult withMxCoverage(List<MxCoverage> coverage, List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new MtaStsResult(domain, recordName, dnsStatus, dnsSecure, dnsError, records, id, fetch, policy,
                policySha256, coverage, all);
    }

    /** The same result with each finding replaced by {@code change}'s (re-weighing them under another profile). */
    public MtaStsResult withEachFinding(java.util.function.UnaryOperator<Finding> change) {
        return new MtaStsResult(domain, recordName, dnsStatus, dnsSecure, dnsError, records, id, fetch, policy,
                policySha256, mxCoverage, findings.stream().map(change).toList());
    }

    /** The same result with findings appended (the history's verdict, for one). */
    public MtaStsResult withFindings(List<Finding> more) {
        return withMxCoverage(mxCoverage, more);
    }
}
