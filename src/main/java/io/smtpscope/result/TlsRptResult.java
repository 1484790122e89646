package io.smtpscope.result;

import java.util.List;

/**
 * SMTP TLS Reporting of one mail domain (RFC 8460): the {@code _smtp._tls} TXT lookup and its records, the
 * reporting addresses ({@code rua}) of the one valid record, whether the pre-RFC name {@code _smtp-tlsrpt} still
 * holds a record, and the findings.
 */
public record TlsRptResult(String domain, String recordName, TxtStatus dnsStatus, Boolean dnsSecure, String dnsError,
                           List<String> records, List<String> rua, boolean legacyRecord, List<Finding> findings) {
    public TlsRptResult {
        records = records == null ? List.of() : List.copyOf(records);
        rua = rua == null ? List.of() : List.copyOf(rua);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** The same result with each finding replaced by {@code change}'s (re-weighing them under another profile). */
    public TlsRptResult withEachFinding(java.util.function.UnaryOperator<Finding> change) {
        return new TlsRptResult(domain, recordName, dnsStatus, dnsSecure, dnsError, records, rua, legacyRecord,
                findings.stream().map(change).toList());
    }
}
