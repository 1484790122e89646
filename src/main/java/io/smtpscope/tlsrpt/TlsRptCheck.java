package io.smtpscope.tlsrpt;

import io.smtpscope.dns.TxtAnswer;
import io.smtpscope.dns.TxtSource;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.result.TlsRptResult;
import io.smtpscope.result.TxtStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SMTP TLS Reporting of one mail domain (RFC 8460 section 3): exactly one {@code _smtp._tls} TXT record beginning
 * with {@code v=TLSRPTv1}, with a {@code rua} of comma-separated mailto: or https: URIs. Records not beginning so
 * are discarded before counting, as senders do. The name of the drafts, {@code _smtp-tlsrpt}, is looked up too:
 * a record there is reported, since senders never read it. A failed lookup is reported as such, never as "none".
 */
public final class TlsRptCheck {
    static final String LEGACY_PREFIX = "_smtp-tlsrpt.";

    private final TxtSource txt;

    public TlsRptCheck(TxtSource txt) {
        this.txt = txt;
    }

    /** {@code findings}: the catalogue, profile and domain to judge with (a fresh collector is used). */
    public TlsRptResult check(String domain, DomainFindings findings) {
        DomainFindings out = findings.fresh();
        String recordName = "_smtp._tls." + domain;
        String legacyName = LEGACY_PREFIX + domain;
        TxtAnswer answer = txt.lookup(recordName);
        boolean legacy = txt.lookup(legacyName) instanceof TxtAnswer.Found found
                && !TlsRptRecord.candidates(found.records()).isEmpty();
        TlsRptResult result = switch (answer) {
            case TxtAnswer.Failed failed -> {
                out.emit("TLS_RPT_DNS_FAILED", Map.of("record_name", recordName, "message", failed.message()));
                yield new TlsRptResult(domain, recordName, TxtStatus.FAILED, null, failed.message(), List.of(), List.of(),
                        legacy, List.of());
            }
            case TxtAnswer.NoRecords none -> {
                if (!legacy) {
                    out.emit("TLS_RPT_NONE", Map.of("record_name", recordName, "rcode", none.rcode()));
                }
                yield new TlsRptResult(domain, recordName, TxtStatus.NO_RECORDS, none.secure(), null, List.of(), List.of(),
                        legacy, List.of());
            }
            case TxtAnswer.Found found -> withRecords(domain, recordName, found, legacy, out);
        };
        if (legacy) {
            out.emit("TLS_RPT_LEGACY_NAME", Map.of("legacy_name", legacyName, "record_name", recordName,
                    "current", result.rua().isEmpty()
                            ? "There is no valid record at " + recordName + ", so senders send no reports."
                            : "A valid record at " + recordName + " exists too; the old one is only clutter."));
        }
        return new TlsRptResult(result.domain(), result.recordName(), result.dnsStatus(), result.dnsSecure(),
                result.dnsError(), result.records(), result.rua(), result.legacyRecord(), out.findings());
    }

    private static TlsRptResult withRecords(String domain, String recordName, TxtAnswer.Found found, boolean legacy,
                                            DomainFindings out) {
        List<String> candidates = TlsRptRecord.candidates(found.records());
        List<String> rua = List.of();
        if (candidates.isEmpty()) {
            if (!legacy) {
                out.emit("TLS_RPT_NONE", Map.of("record_name", recordName, "rcode", "no record beginning with v=TLSRPTv1"));
            }
        } else if (candidates.size() > 1) {
            out.emit("TLS_RPT_RECORD_MULTIPLE", Map.of("record_name", recordName, "count", String.valueOf(candidates.size()),
                    "records", quoted(candidates)));
        } else {
            TlsRptRecord.Parsed parsed = TlsRptRecord.parse(candidates.get(0));
            if (parsed.problem() != null) {
                out.emit("TLS_RPT_RECORD_MALFORMED", Map.of("record_name", recordName, "reason", parsed.problem(),
                        "record", quoted(candidates)));
            } else {
                rua = parsed.rua();
                if (!parsed.invalid().isEmpty()) {
                    out.emit("TLS_RPT_RUA_INVALID", Map.of("record_name", recordName,
                            "addresses", String.join("; ", parsed.invalid())));
                }
            }
        }
        return new TlsRptResult(domain, recordName, TxtStatus.FOUND, found.secure(), null, found.records(), rua, legacy,
                List.of());
    }

    private static String quoted(List<String> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add("\"" + (r.length() > 200 ? r.substring(0, 200) + "..." : r) + "\""));
        return String.join(", ", out);
    }
}
