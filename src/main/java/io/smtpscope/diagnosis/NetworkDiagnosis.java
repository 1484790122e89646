package io.smtpscope.diagnosis;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointLists;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Mode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reasons across all endpoints of a run, from where the user sits: a pattern that repeats on unrelated
 * servers says more about this network than about the servers. Pure, like the finding rules, so a saved
 * report can be diagnosed again. Each rule needs at least two independent witnesses (hosts or addresses)
 * before it blames the network, except the port-25 rule, whose witness is the other ports of the same host.
 */
public final class NetworkDiagnosis {
    /** The MTA-to-MTA port (RFC 5321 section 4.5.4.2 names 25); a parameter only so tests can use loopback ports. */
    private final int relayPort;
    private final DiagnosisCatalogue catalogue;

    public NetworkDiagnosis() {
        this(25);
    }

    public NetworkDiagnosis(int relayPort) {
        this.relayPort = relayPort;
        this.catalogue = DiagnosisCatalogue.bundled();
    }

    public List<Diagnosis> diagnose(List<EndpointResult> endpoints) {
        List<Diagnosis> found = new ArrayList<>();
        if (endpoints.isEmpty()) {
            return found;
        }
        if (resolverFailure(endpoints, found)) {
            return found; // nothing else can be concluded without a single address
        }
        // Endpoints never connected to (no address, or kept out of the scan) say nothing about the network.
        // EndpointLists: a spilled scan's subsets keep positions, not results (the heap stays small).
        List<EndpointResult> resolved = EndpointLists.filter(endpoints, e -> e.reachability() != Reachability.DNS_ERROR
                && e.reachability() != Reachability.NOT_SCANNED);
        if (!noConnectivity(resolved, found)) {
            port25Blocked(resolved, found);
            silentProxy(resolved, found);
        }
        middlebox(resolved, found);
        interception(resolved, found);
        return found;
    }

    private boolean resolverFailure(List<EndpointResult> endpoints, List<Diagnosis> found) {
        // A null MX (RFC 7505) is an answer, not a resolver failure.
        boolean allFailed = endpoints.stream().allMatch(e -> e.reachability() == Reachability.DNS_ERROR)
                && endpoints.stream().noneMatch(e -> e.mx() != null && e.mx().isNullMx());
        Set<String> hosts = endpoints.stream().map(EndpointResult::host).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!allFailed || hosts.size() < 2) {
            return false;
        }
        List<String> evidence = hosts.stream().map(h -> h + ": " + endpoints.stream().filter(e -> e.host().equals(h))
                .findFirst().map(e -> e.error() != null ? e.error().message() : "dns-error").orElse("dns-error")).toList();
        found.add(catalogue.make("RESOLVER_FAILURE", Map.of("count", Integer.toString(hosts.size()),
                "hosts", String.join(", ", hosts)), evidence));
        return true;
    }

    private boolean noConnectivity(List<EndpointResult> resolved, List<Diagnosis> found) {
        Predicate<EndpointResult> silent = e -> e.reachability() == Reachability.TIMEOUT
                || e.reachability() == Reachability.UNREACHABLE;
        Set<String> addresses = addresses(resolved);
        if (resolved.size() < 2 || addresses.size() < 2 || !resolved.stream().allMatch(silent)) {
            return false;
        }
        found.add(catalogue.make("NO_CONNECTIVITY", Map.of("count", Integer.toString(resolved.size()),
                "addresses", Integer.toString(addresses.size()), "outcomes", outcomes(resolved)), evidence(resolved)));
        return true;
    }

    /** Port 25 failed everywhere (no TCP answer, refused, or accepted without a greeting) but other ports worked. */
    private void port25Blocked(List<EndpointResult> resolved, List<Diagnosis> found) {
        List<EndpointResult> relay = EndpointLists.filter(resolved, e -> e.port() == relayPort);
        if (relay.isEmpty() || !relay.stream().allMatch(NetworkDiagnosis::failedToConnect)) {
            return;
        }
        // A reset is usually the server's own answer (nothing listens on 25 there); only on several
        // servers at once does it point at this network. Silence (timeout, no greeting) is the usual block.
        boolean silence = relay.stream().anyMatch(e -> e.reachability() != Reachability.REFUSED);
        if (!silence && relay.stream().map(e -> domainOf(e.host())).distinct().count() < 2) {
            return;
        }
        Set<String> relayHosts = relay.stream().map(EndpointResult::host).collect(Collectors.toSet());
        List<EndpointResult> witnesses = EndpointLists.filter(resolved,
                e -> e.port() != relayPort && greeted(e) && relayHosts.contains(e.host()));
        if (witnesses.isEmpty()) {
            return;
        }
        List<String> evidence = new ArrayList<>(evidence(relay));
        evidence.addAll(evidence(witnesses));
        found.add(catalogue.make("OUTBOUND_PORT_25_BLOCKED", Map.of("port", Integer.toString(relayPort),
                "outcomes", outcomes(relay), "hosts", witnesses.stream().map(NetworkDiagnosis::endpoint)
                        .collect(Collectors.joining(", "))), evidence));
    }

    private void silentProxy(List<EndpointResult> resolved, List<Diagnosis> found) {
        List<EndpointResult> open = EndpointLists.filter(resolved, e -> e.reachability() == Reachability.OPEN);
        if (open.size() < 2 || addresses(open).size() < 2 || !open.stream().allMatch(NetworkDiagnosis::acceptedSilently)) {
            return;
        }
        found.add(catalogue.make("SMTP_SILENT_PROXY", Map.of("count", Integer.toString(open.size()),
                "addresses", Integer.toString(addresses(open).size())), evidence(open)));
    }

    private void middlebox(List<EndpointResult> resolved, List<Diagnosis> found) {
        List<EndpointResult> asked = EndpointLists.filter(resolved,
                e -> e.mode() == Mode.STARTTLS && e.smtp() != null && e.smtp().starttls() != null);
        Set<String> hosts = asked.stream().map(EndpointResult::host).collect(Collectors.toCollection(LinkedHashSet::new));
        // Servers of one organisation may share one stripping firewall of their own: count domains.
        long domains = asked.stream().map(e -> domainOf(e.host())).distinct().count();
        if (domains < 2 || !asked.stream().allMatch(e -> e.smtp().starttls().stripped())) {
            return;
        }
        found.add(catalogue.make("SMTP_MIDDLEBOX", Map.of("count", Integer.toString(hosts.size()),
                "hosts", String.join(", ", hosts)), evidence(asked)));
    }

    /**
     * The same untrusted issuer at the top of the chains of servers in different domains. Only public servers of
     * unrelated domains make that strong evidence of interception; internal servers (private addresses, internal
     * names) commonly share their organisation's own CA, so there it is a possibility to check, not a verdict.
     */
    private void interception(List<EndpointResult> resolved, List<Diagnosis> found) {
        Map<String, List<EndpointResult>> byIssuer = EndpointLists.groupBy(resolved, e -> {
            CertificateResult c = e.certificate();
            if (c == null || c.trusted() || c.chain().isEmpty() || c.selfSigned()) {
                return null;
            }
            return c.chain().get(c.chain().size() - 1).issuer();
        });
        byIssuer.forEach((issuer, group) -> {
            Set<String> domains = group.stream().map(e -> domainOf(e.host())).collect(Collectors.toSet());
            if (domains.size() < 2) {
                return;
            }
            Set<String> hosts = group.stream().map(EndpointResult::host).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> publicDomains = group.stream().filter(e -> InternalHosts.why(e).isEmpty())
                    .map(e -> domainOf(e.host())).collect(Collectors.toSet());
            Map<String, String> facts = new LinkedHashMap<>(Map.of("count", Integer.toString(domains.size()),
                    "hosts", String.join(", ", hosts), "issuer", issuer));
            if (publicDomains.size() >= 2) {
                found.add(catalogue.make("TLS_INTERCEPTION", facts, evidence(group)));
                return;
            }
            facts.put("internal", group.stream().flatMap(e -> InternalHosts.why(e).map(w -> e.host() + ": " + w).stream())
                    .distinct().collect(Collectors.joining("; ")));
            found.add(catalogue.make("TLS_INTERCEPTION_POSSIBLE", facts, evidence(group)));
        });
    }

    static boolean failedToConnect(EndpointResult e) {
        return e.reachability() == Reachability.TIMEOUT || e.reachability() == Reachability.REFUSED
                || e.reachability() == Reachability.UNREACHABLE || acceptedSilently(e);
    }

    private static boolean acceptedSilently(EndpointResult e) {
        return e.reachability() == Reachability.OPEN && e.error() != null
                && (e.error().kind() == ErrorKind.BANNER_TIMEOUT
                || (e.error().kind() == ErrorKind.DEADLINE_EXCEEDED && e.error().phase().equals("banner")));
    }

    private static boolean greeted(EndpointResult e) {
        return e.reachability() == Reachability.OPEN && e.smtp() != null && e.smtp().banner() != null
                && e.smtp().banner().code() != null;
    }

    /**
     * An approximation of the registrable domain (the last two labels) that is good enough to call two
     * servers unrelated: mx1.example.com and mx2.example.com are one organisation. IP literals stand alone.
     */
    static String domainOf(String host) {
        if (host == null || HostSyntax.isIpLiteral(host)) {
            return String.valueOf(host);
        }
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        return labels.length <= 2 ? host.toLowerCase(Locale.ROOT)
                : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private static Set<String> addresses(List<EndpointResult> endpoints) {
        return endpoints.stream().map(e -> e.address() != null ? e.address() : e.host()).collect(Collectors.toSet());
    }

    private static String outcomes(List<EndpointResult> endpoints) {
        Map<String, Long> counts = endpoints.stream().collect(Collectors.groupingBy(NetworkDiagnosis::outcome,
                LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(c -> c.getValue() + " " + c.getKey()).collect(Collectors.joining(", "));
    }

    private static String outcome(EndpointResult e) {
        if (acceptedSilently(e)) {
            return "accepted without greeting";
        }
        if (e.reachability() == Reachability.OPEN && e.smtp() != null && e.smtp().starttls() != null
                && e.smtp().starttls().stripped()) {
            return "STARTTLS stripped";
        }
        if (e.reachability() == Reachability.OPEN && e.certificate() != null && !e.certificate().trusted()) {
            return "untrusted certificate";
        }
        return e.reachability() == Reachability.OPEN ? (greeted(e) ? "answered" : "open") : e.reachability().label();
    }

    private static List<String> evidence(List<EndpointResult> endpoints) {
        return endpoints.stream().map(e -> endpoint(e) + (e.address() != null && !e.address().equals(e.host())
                ? " (" + e.address() + ")" : "") + ": " + outcome(e)).toList();
    }

    private static String endpoint(EndpointResult e) {
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        return host + ":" + e.port();
    }
}
