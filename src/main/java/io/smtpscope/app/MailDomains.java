package io.smtpscope.app;

import io.smtpscope.dns.ValidatingDns;
import io.smtpscope.domain.DomainDns;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.mtasts.MtaStsCheck;
import io.smtpscope.tlsrpt.TlsRptCheck;
import io.smtpscope.engine.EndpointPlanner;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.HostDane;
import io.smtpscope.target.MxOrigin;
import io.smtpscope.target.TargetSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The DNS facts of every mail domain a scan names, gathered before its endpoints are probed (each domain on its own
 * virtual thread; every lookup is bounded by the resolver's timeout, the MTA-STS policy fetch by the profile's
 * timeouts), so that each MX endpoint can be held against its host's TLSA records as it is observed: DNSSEC and
 * DANE, MTA-STS (record and policy; the MX hosts are held against it when judged) and TLS-RPT.
 */
final class MailDomains {
    private MailDomains() {
    }

    static List<DomainResult> inspect(ScanRequest request) {
        if (request.domainDns() == null) {
            return List.of();
        }
        DomainDns dns = new DomainDns(request.domainDns(), request.profile().fanOut().maxMxHosts());
        // MTA-STS and TLS-RPT through the same validating resolver: TXT records, and the policy host's addresses.
        ValidatingDns resolver = request.domainDns();
        MtaStsCheck mtaSts = MtaStsCheck.forScan(resolver::txt, request.anchors(), resolver::addresses,
                request.profile().probe());
        TlsRptCheck tlsRpt = new TlsRptCheck(resolver::txt);
        Map<String, Integer> domains = new LinkedHashMap<>();
        for (TargetSpec spec : request.specs()) {
            if (spec.viaMx()) {
                domains.putIfAbsent(spec.host(), spec.port().orElse(EndpointPlanner.MX_DEFAULT_PORT));
            }
        }
        List<DomainResult> out = new ArrayList<>();
        Map<String, Future<DomainResult>> pending = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            domains.forEach((domain, port) -> pending.put(domain, executor.submit(() -> {
                DomainFindings findings = new DomainFindings(FindingCatalogue.bundled(), request.profile().judge(), domain);
                return dns.inspect(domain, port).withPolicies(mtaSts.check(domain, findings), tlsRpt.check(domain, findings));
            })));
            pending.forEach((domain, future) -> out.add(await(domain, future)));
        }
        return List.copyOf(out);
    }

    private static DomainResult await(String domain, Future<DomainResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(domain, "interrupted");
        } catch (ExecutionException e) {
            return failed(domain, String.valueOf(e.getCause()));
        }
    }

    private static DomainResult failed(String domain, String why) {
        return DomainResult.observed(domain, List.of(), new DomainDnssec(DnssecState.UNKNOWN, "domain checks failed: " + why),
                new DomainDane(List.of()));
    }

    /** Each domain's MX hosts by {@link #key}. */
    static Map<String, HostDane> hostsByKey(List<DomainResult> domains) {
        Map<String, HostDane> out = new HashMap<>();
        for (DomainResult d : domains) {
            for (HostDane host : d.dane().hosts()) {
                out.putIfAbsent(d.domain().toLowerCase(java.util.Locale.ROOT) + "|" + host.host().toLowerCase(java.util.Locale.ROOT), host);
            }
        }
        return out;
    }

    /** The key of the MX host an endpoint was reached through; null for a host the user named. */
    static String key(MxOrigin mx) {
        return mx == null || mx.host() == null ? null
                : (mx.domain() + "|" + mx.host()).toLowerCase(java.util.Locale.ROOT).replace(".|", "|");
    }
}
