package io.smtpscope.report;

import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.MxRecordSeen;
import io.smtpscope.result.Severity;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What every writer shows of a mail domain: the same words in the console, HTML and CSV (raw: each writer escapes). */
final class DomainView {
    private DomainView() {
    }

    static Optional<Severity> worst(DomainResult d) {
        return d.findings().stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    /** Domains worst first (fail, warn, info, clean), then by name. */
    static List<DomainResult> worstFirst(List<DomainResult> domains) {
        return domains.stream().sorted(Comparator.comparing((DomainResult d) -> worst(d).map(s -> -s.ordinal()).orElse(1))
                .thenComparing(DomainResult::domain)).toList();
    }

    static String mx(DomainResult d) {
        if (d.mx().isEmpty()) {
            return "none found";
        }
        return d.mx().stream().map(DomainView::mx).collect(Collectors.joining(", "));
    }

    private static String mx(MxRecordSeen r) {
        return r.preference() + " " + r.host();
    }

    static String dnssec(DomainResult d) {
        if (d.dnssec() == null) {
            return "not checked";
        }
        return "MX " + d.dnssec().mx() + (d.dnssec().reason() == null ? "" : " (" + d.dnssec().reason() + ")");
    }

    /** "mx.a.test: usable at _25._tcp.mx.a.test (secure): 3 1 1 ab12..." */
    static String host(HostDane h) {
        StringBuilder s = new StringBuilder(h.host()).append(": ").append(h.status().label());
        if (h.canonicalName() != null) {
            s.append(", alias of ").append(h.canonicalName());
        }
        s.append("; addresses ").append(h.addresses());
        if (h.tlsaName() != null) {
            s.append("; TLSA at ").append(h.tlsaName()).append(h.tlsaDnssec() == null ? "" : " (" + h.tlsaDnssec() + ")");
        }
        if (!h.records().isEmpty()) {
            s.append(": ").append(h.records().stream().map(r -> short64(r.presentation())).collect(Collectors.joining(", ")));
        }
        if (h.reason() != null && !h.reason().isBlank()) {
            s.append(" (").append(h.reason()).append(')');
        }
        return s.toString();
    }

    /** The DANE outcome of one MX endpoint, or null when it has none. */
    static String endpointDane(EndpointResult e) {
        if (e.dane() == null) {
            return null;
        }
        return e.host() + " [" + (e.address() == null ? "no address" : e.address()) + "]: " + e.dane().outcome().label()
                + (e.dane().why() == null ? "" : " (" + e.dane().why() + ")");
    }

    /**
     * One line per certificate of an MX endpoint that presented several (RSA and ECDSA): whether a usable TLSA
     * record matches it, and the 3 1 1 record that would; none for one certificate (the outcome says it all).
     */
    static List<String> endpointDaneCertificates(EndpointResult e) {
        if (e.dane() == null || e.dane().certificates().size() < 2) {
            return List.of();
        }
        return e.dane().certificates().stream().map(c -> e.host() + " [" + (e.address() == null ? "no address" : e.address())
                + "] " + c.keyType() + " certificate sha256 " + c.sha256() + ": " + (c.matched()
                ? "matched by " + String.join(", ", c.matchedRecords())
                : "no usable TLSA record matches (3 1 1 " + c.spkiSha256() + " would)")).toList();
    }

    /** The certificates of an MX endpoint as {@code KEYTYPE matched|unmatched}, for a CSV cell; null when none. */
    static String endpointDaneCertificatesBrief(EndpointResult e) {
        if (e.dane() == null || e.dane().certificates().isEmpty()) {
            return null;
        }
        return String.join("; ", e.dane().certificates().stream()
                .map(c -> c.keyType() + " " + (c.matched() ? "matched" : "unmatched")).toList());
    }

    /** The endpoints reached through {@code d}'s MX records. */
    static List<EndpointResult> endpoints(DomainResult d, List<EndpointResult> all) {
        return all.stream().filter(e -> e.mx() != null && e.mx().host() != null
                && d.domain().equalsIgnoreCase(stripDot(e.mx().domain()))).toList();
    }

    private static String stripDot(String name) {
        return name != null && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String short64(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
