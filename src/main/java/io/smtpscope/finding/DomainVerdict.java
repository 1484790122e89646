package io.smtpscope.finding;

import io.smtpscope.result.DaneOutcome;
import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.TlsRptResult;
import io.smtpscope.result.TxtStatus;

import java.util.List;

/**
 * The answer to an auditor's question about a mail domain, in plain words: can mail be delivered to it over TLS,
 * and is that protected against downgrade (DANE with DNSSEC, MTA-STS), and are failures reported (TLS-RPT)?
 */
public final class DomainVerdict {
    private DomainVerdict() {
    }

    public static String of(DomainResult d, List<EndpointResult> endpoints) {
        return "delivery over TLS: " + delivery(endpoints) + "; downgrade protection: " + downgrade(d, endpoints)
                + "; MTA-STS: " + mtaSts(d.mtaSts()) + "; reporting: " + reporting(d.tlsRpt());
    }

    private static String mtaSts(MtaStsResult sts) {
        if (sts == null) {
            return "not checked";
        }
        if (sts.dnsStatus() == TxtStatus.FAILED) {
            return "unknown (the _mta-sts lookup failed)";
        }
        if (sts.dnsStatus() == TxtStatus.NO_RECORDS) {
            return "none published";
        }
        if (sts.policy() == null || sts.policy().mode() == null) {
            return sts.fetch() == null ? "record invalid, no policy used"
                    : "policy unusable (fetch: " + sts.fetch().status().label() + "), senders apply none";
        }
        long failing = sts.mxCoverage().stream()
                .filter(m -> m.matchedPattern() == null || Boolean.FALSE.equals(m.certificateValid())).count();
        String mode = sts.policy().mode().label();
        if (sts.mxCoverage().isEmpty()) {
            return mode;
        }
        return mode + (failing == 0 ? ", all " + sts.mxCoverage().size() + " MX host(s) pass"
                : ", " + failing + " of " + sts.mxCoverage().size() + " MX host(s) fail it");
    }

    private static String reporting(TlsRptResult rpt) {
        if (rpt == null) {
            return "not checked";
        }
        if (rpt.dnsStatus() == TxtStatus.FAILED) {
            return "unknown (the _smtp._tls lookup failed)";
        }
        return rpt.rua().isEmpty() ? "no TLS-RPT" : "TLS-RPT to " + String.join(", ", rpt.rua());
    }

    private static String delivery(List<EndpointResult> endpoints) {
        if (endpoints.isEmpty()) {
            return "no MX address to deliver to";
        }
        long tls = endpoints.stream().filter(e -> e.tls() != null && e.tls().protocol() != null).count();
        String addresses = endpoints.size() == 1 ? "the only MX address" : "all " + endpoints.size() + " MX addresses";
        if (tls == endpoints.size()) {
            return "yes on " + addresses;
        }
        return tls == 0 ? "no (TLS on none of " + endpoints.size() + " MX address" + (endpoints.size() == 1 ? ")" : "es)")
                : "partly (TLS on " + tls + " of " + endpoints.size() + " MX addresses)";
    }

    private static String downgrade(DomainResult d, List<EndpointResult> endpoints) {
        if (d.dnssec() == null || d.dane() == null) {
            return "DANE not checked";
        }
        if (d.dnssec().mx() == DnssecState.BOGUS) {
            return "none: the MX records fail DNSSEC validation (bogus), validating senders cannot deliver";
        }
        if (d.dnssec().mx() == DnssecState.UNKNOWN) {
            return "not checked (DNSSEC could not be validated through the DNS server)";
        }
        if (d.dnssec().mx() != DnssecState.SECURE) {
            return "no DANE (the MX records are not DNSSEC-signed)";
        }
        List<HostDane> hosts = d.dane().hosts();
        long withTlsa = hosts.stream().filter(h -> h.status() == DaneStatus.USABLE || h.status() == DaneStatus.UNUSABLE_ONLY).count();
        long broken = hosts.stream().filter(h -> h.status() == DaneStatus.TLSA_BOGUS || h.status() == DaneStatus.LOOKUP_FAILED).count();
        long failing = endpoints.stream().filter(e -> e.dane() != null && (e.dane().outcome() == DaneOutcome.NO_MATCH
                || e.dane().outcome() == DaneOutcome.NO_TLS)).count();
        long authenticated = endpoints.stream().filter(e -> e.dane() != null && e.dane().outcome() == DaneOutcome.AUTHENTICATED).count();
        if (broken > 0) {
            return "DANE broken: the TLSA lookup fails for " + broken + " of " + hosts.size() + " MX host(s), DANE senders treat them as unreachable";
        }
        if (failing > 0) {
            return "DANE failing: " + failing + " of " + endpoints.size() + " MX address(es) do not match their TLSA records, DANE senders do not deliver there";
        }
        long partial = endpoints.stream().filter(e -> e.dane() != null && e.dane().outcome() == DaneOutcome.PARTIAL_MATCH).count();
        if (partial > 0) {
            return "DANE failing for some senders: " + partial + " of " + endpoints.size() + " MX address(es) present a"
                    + " certificate no TLSA record matches, DANE senders that negotiate it do not deliver there";
        }
        if (withTlsa == 0) {
            return "none (DNSSEC signed, no usable TLSA records)";
        }
        if (withTlsa < hosts.size()) {
            return "DANE on " + withTlsa + " of " + hosts.size() + " MX hosts only (DNSSEC)";
        }
        if (hosts.stream().allMatch(h -> h.status() == DaneStatus.UNUSABLE_ONLY)) {
            return "TLS required by DANE, certificate not authenticated (only unusable TLSA records)";
        }
        return authenticated == endpoints.size() ? "DANE valid (DNSSEC)" : "DANE published (DNSSEC), " + authenticated
                + " of " + endpoints.size() + " MX address(es) authenticated";
    }
}
