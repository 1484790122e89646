package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One mail domain as a whole ({@code mx:DOMAIN}, {@code --mx}): its MX records as found ({@code secure} = DNSSEC
 * validated), DNSSEC of the MX answer, DANE per MX host, and beside these observations the judgements: a
 * {@code verdict} in plain words and {@code findings} (the same shape as an endpoint's), which a Judge replaces
 * when it re-judges a saved report. {@code mta_sts} and {@code tls_rpt}: the domain's MTA-STS and TLS-RPT results
 * (left out when not checked); their findings are also among the domain's {@code findings}.
 */
public record DomainResult(String domain, List<MxRecordSeen> mx, DomainDnssec dnssec, DomainDane dane,
                           @JsonInclude(JsonInclude.Include.NON_NULL) MtaStsResult mtaSts,
                           @JsonInclude(JsonInclude.Include.NON_NULL) TlsRptResult tlsRpt,
                           String verdict, List<Finding> findings) {
    public DomainResult {
        mx = mx == null ? List.of() : List.copyOf(mx);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** The observations, not judged yet. */
    public static DomainResult observed(String domain, List<MxRecordSeen> mx, DomainDnssec dnssec, DomainDane dane) {
        return new DomainResult(domain, mx, dnssec, dane, null, null, null, List.of());
    }

    /** The same observations with the domain's MTA-STS and TLS-RPT results. */
    public DomainResult withPolicies(MtaStsResult mtaStsResult, TlsRptResult tlsRptResult) {
        return new DomainResult(domain, mx, dnssec, dane, mtaStsResult, tlsRptResult, verdict, findings);
    }

    /** The same observations with the MTA-STS result evaluated against the MX hosts. */
    public DomainResult withMtaSts(MtaStsResult evaluated) {
        return new DomainResult(domain, mx, dnssec, dane, evaluated, tlsRpt, verdict, findings);
    }

    /** The same observations with a new verdict and findings (a judgement replaces the previous one). */
    public DomainResult judged(String newVerdict, List<Finding> judged) {
        return new DomainResult(domain, mx, dnssec, dane, mtaSts, tlsRpt, newVerdict, judged);
    }
}
