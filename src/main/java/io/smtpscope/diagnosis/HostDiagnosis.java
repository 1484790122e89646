package io.smtpscope.diagnosis;

import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointLists;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conclusions about one host across its endpoints: a host none of whose scanned mail ports accepted an SMTP
 * connection (refused, timed out, unreachable, or accepted without a greeting) is down for mail, however
 * mild each port's own finding is. It lives in the report's diagnosis list because no single endpoint shows
 * it: it needs all the host's endpoints, which only exist once the run is over (the JSONL stream has each
 * endpoint as it finishes, before its host is complete). Hosts that did not resolve are left to their DNS
 * finding; when the network explains the silence everywhere (no connectivity, a silent proxy), that network
 * diagnosis speaks for them instead of one line per host.
 */
public final class HostDiagnosis {
    private final DiagnosisCatalogue catalogue = DiagnosisCatalogue.bundled();

    /** {@code network}: what {@link NetworkDiagnosis} concluded about the same endpoints. */
    public List<Diagnosis> diagnose(List<EndpointResult> endpoints, List<Diagnosis> network) {
        List<Diagnosis> found = new ArrayList<>();
        if (network.stream().anyMatch(d -> d.id().equals("NO_CONNECTIVITY") || d.id().equals("SMTP_SILENT_PROXY"))) {
            return found;
        }
        // positions, not results, of a spilled scan (EndpointLists): the heap stays small
        Map<String, List<EndpointResult>> byHost = EndpointLists.groupBy(endpoints,
                e -> e.reachability() != Reachability.DNS_ERROR ? e.host() : null);
        byHost.forEach((host, ports) -> {
            if (ports.stream().allMatch(NetworkDiagnosis::failedToConnect)) {
                List<String> evidence = ports.stream().map(HostDiagnosis::evidence).toList();
                found.add(catalogue.make("NO_MAIL_PORT_REACHABLE", Map.of("host", host,
                        "count", Integer.toString(ports.size()), "outcomes", String.join(", ", evidence)), evidence));
            }
        });
        return found;
    }

    private static String evidence(EndpointResult e) {
        String outcome = e.reachability() == Reachability.OPEN ? "accepted without greeting" : e.reachability().label();
        String address = e.address() != null && !e.address().equals(e.host()) ? " (" + e.address() + ")" : "";
        return "port " + e.port() + address + ": " + outcome;
    }
}
