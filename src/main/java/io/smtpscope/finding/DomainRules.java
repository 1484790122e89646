package io.smtpscope.finding;

import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.Reachability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Findings about a mail domain as a whole: DNSSEC of its MX answer, the DANE facts of each MX host (RFC 7672
 * section 2.2), and differences between its MX endpoints (every address of every MX host) that a sender meets at
 * random. Pure, like {@link FindingRules}: a saved report is re-judged from its observations.
 */
public final class DomainRules {
    private final FindingCatalogue catalogue;
    private final JudgePolicy policy;

    public DomainRules(FindingCatalogue catalogue, JudgePolicy policy) {
        this.catalogue = catalogue;
        this.policy = policy;
    }

    /** {@code endpoints}: the judged endpoints reached through this domain's MX records. */
    public List<Finding> findings(DomainResult d, List<EndpointResult> endpoints) {
        Emitter out = new Emitter(catalogue, policy, Map.of("domain", d.domain()));
        if (d.dnssec() != null) {
            dnssec(d, out);
        }
        if (d.dane() != null) {
            d.dane().hosts().forEach(h -> host(h, out));
        }
        consistency(endpoints, out);
        return out.findings();
    }

    private static void dnssec(DomainResult d, Emitter out) {
        String reason = d.dnssec().reason() == null ? "" : d.dnssec().reason();
        switch (d.dnssec().mx()) {
            case BOGUS -> out.emit("DNSSEC_MX_BOGUS", Map.of("reason", reason));
            case UNKNOWN -> out.emit(d.mx().isEmpty() ? "DOMAIN_MX_LOOKUP_FAILED" : "DNSSEC_NOT_CHECKED", Map.of("reason", reason));
            case INSECURE -> out.emit("DNSSEC_NOT_SIGNED", Map.of());
            case SECURE -> {
            }
        }
    }

    private static void host(HostDane h, Emitter out) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("mx_host", h.host());
        facts.put("tlsa_name", String.valueOf(h.tlsaName()));
        facts.put("reason", h.reason() == null ? "" : h.reason());
        facts.put("records", h.records().stream().map(r -> r.presentation()
                + (r.usable() ? "" : " (" + r.unusableWhy() + ")")).collect(Collectors.joining("; ")));
        if (h.canonicalName() != null) {
            out.emit("MX_IS_CNAME", Map.of("mx_host", h.host(), "canonical", h.canonicalName()));
        }
        if (h.addresses() == DnssecState.BOGUS) {
            out.emit("DNSSEC_ADDRESS_BOGUS", facts);
            return;
        }
        switch (h.status()) {
            case NO_TLSA -> out.emit("DANE_NOT_PUBLISHED", facts);
            case TLSA_INSECURE -> out.emit("DANE_TLSA_INSECURE", facts);
            case TLSA_BOGUS -> out.emit("DANE_TLSA_BOGUS", facts);
            case LOOKUP_FAILED -> out.emit("DANE_TLSA_LOOKUP_FAILED", facts);
            case UNUSABLE_ONLY -> out.emit("DANE_TLSA_UNUSABLE", facts);
            default -> {
            }
        }
    }

    /** Differences between the endpoints that answered: a sender picks one at random. */
    private static void consistency(List<EndpointResult> endpoints, Emitter out) {
        List<EndpointResult> open = endpoints.stream().filter(e -> e.reachability() == Reachability.OPEN).toList();
        long unreachable = endpoints.size() - open.size();
        if (unreachable > 0 && !open.isEmpty()) {
            out.emit("DOMAIN_MX_PARTLY_UNREACHABLE", Map.of("unreachable", Long.toString(unreachable),
                    "total", Integer.toString(endpoints.size()),
                    "which", endpoints.stream().filter(e -> e.reachability() != Reachability.OPEN)
                            .map(DomainRules::where).collect(Collectors.joining(", "))));
        }
        if (open.size() < 2) {
            return;
        }
        differs(open, e -> e.smtp() != null && e.smtp().starttls() != null && e.smtp().starttls().offered() ? "offered" : "not offered",
                "DOMAIN_STARTTLS_DIFFERS", out);
        differs(open.stream().filter(e -> e.certificate() != null && !e.certificate().chain().isEmpty()).toList(),
                DomainRules::leavesPresented, "DOMAIN_CERTIFICATE_DIFFERS", out);
        differs(open.stream().filter(e -> e.tls() != null && e.tls().protocol() != null).toList(),
                e -> e.tls().protocols() != null ? acceptedVersions(e) : e.tls().protocol(), "DOMAIN_TLS_VERSIONS_DIFFER", out);
        differs(open.stream().filter(e -> e.smtp() != null && e.smtp().banner() != null && e.smtp().banner().text() != null).toList(),
                e -> firstLine(e.smtp().banner().text()), "DOMAIN_BANNER_DIFFERS", out);
    }

    private static void differs(List<EndpointResult> endpoints, Function<EndpointResult, String> fact, String id, Emitter out) {
        Map<String, List<String>> byValue = new TreeMap<>();
        for (EndpointResult e : endpoints) {
            byValue.computeIfAbsent(Objects.toString(fact.apply(e)), k -> new java.util.ArrayList<>()).add(where(e));
        }
        if (byValue.size() > 1) {
            out.emit(id, Map.of("differences", byValue.entrySet().stream()
                    .map(v -> String.join(", ", v.getValue()) + ": " + v.getKey()).collect(Collectors.joining("; "))));
        }
    }

    /**
     * Every leaf the endpoint presented, sorted: the probe's and those of each key type the enumeration saw (a server
     * with RSA and ECDSA certificates), so that an MX address lacking the second certificate differs from the others
     * whichever one each probe happened to negotiate.
     */
    private static String leavesPresented(EndpointResult e) {
        Set<String> leaves = new TreeSet<>();
        leaves.add(String.valueOf(e.certificate().chain().get(0).sha256()));
        if (e.tls() != null && e.tls().certificatesSeen() != null) {
            e.tls().certificatesSeen().forEach(c -> leaves.add(String.valueOf(c.sha256())));
        }
        if (e.dane() != null) {
            e.dane().certificates().forEach(c -> leaves.add(String.valueOf(c.sha256())));
        }
        return String.join(" + ", leaves);
    }

    private static String acceptedVersions(EndpointResult e) {
        return e.tls().protocols().entrySet().stream().filter(v -> Boolean.TRUE.equals(v.getValue()))
                .map(Map.Entry::getKey).sorted().collect(Collectors.joining(" "));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String where(EndpointResult e) {
        return e.host() + " [" + (e.address() == null ? "no address" : e.address()) + "]";
    }
}
