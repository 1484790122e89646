package io.smtpscope.app;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.diagnosis.NetworkDiagnosis;
import io.smtpscope.domain.DaneCheck;
import io.smtpscope.engine.EndpointPlanner;
import io.smtpscope.engine.RememberingResolver;
import io.smtpscope.engine.Resolver;
import io.smtpscope.engine.ReverseLookup;
import io.smtpscope.engine.ScanEngine;
import io.smtpscope.engine.ShardPartition;
import io.smtpscope.net.ConnectionSlots;
import io.smtpscope.net.DialWatcher;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.probe.EndpointProbe;
import io.smtpscope.report.SpillingResultStore;
import io.smtpscope.reproduce.ManualCommands;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.ResultStore;
import io.smtpscope.result.ReverseDns;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.result.VulnerabilityResult;
import io.smtpscope.target.Endpoint;
import io.smtpscope.tls.enumeration.EnumerationOutcome;
import io.smtpscope.tls.enumeration.EnumerationStep;
import io.smtpscope.vuln.CheckCatalogue;
import io.smtpscope.vuln.SmugglingVulnerabilityCheck;
import io.smtpscope.vuln.VulnerabilityCheck;
import io.smtpscope.vuln.VulnerabilityStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One scan run: plan endpoints (MX, addresses), observe each one concurrently, judge each observation as it
 * finishes, then diagnose across all of them and assemble the report.
 */
public final class ScanService {
    private final Tool tool;
    /** A fresh system lookup per run: its cache must not keep a PTR answer for the whole life of a watch. */
    private final Supplier<ReverseLookup> reverseLookups;
    private final NetworkDiagnosis diagnosis;
    /** Results kept on the heap before the rest spill to a temporary file (tests set it low). */
    private final int spillThreshold;

    public ScanService(Tool tool) {
        this(tool, () -> ReverseLookup.system(5_000), new NetworkDiagnosis());
    }

    /** With a reverse lookup and diagnosis of the caller's choice (tests: no real DNS, loopback ports). */
    public ScanService(Tool tool, ReverseLookup reverseLookup, NetworkDiagnosis diagnosis) {
        this(tool, () -> reverseLookup, diagnosis);
    }

    private ScanService(Tool tool, Supplier<ReverseLookup> reverseLookups, NetworkDiagnosis diagnosis) {
        this(tool, reverseLookups, diagnosis, SpillingResultStore.DEFAULT_THRESHOLD);
    }

    private ScanService(Tool tool, Supplier<ReverseLookup> reverseLookups, NetworkDiagnosis diagnosis,
                        int spillThreshold) {
        this.tool = tool;
        this.reverseLookups = reverseLookups;
        this.diagnosis = diagnosis;
        this.spillThreshold = spillThreshold;
    }

    /** The same service keeping at most {@code threshold} results on the heap (tests: spill from the first). */
    ScanService withSpillThreshold(int threshold) {
        return new ScanService(tool, reverseLookups, diagnosis, threshold);
    }

    public ScanReport run(ScanRequest request, Consumer<EndpointResult> onResult) {
        return run(request, planned -> { }, onResult);
    }

    /**
     * As {@link #run(ScanRequest, Consumer)}, and first tells {@code onPlanned} how many targets (host, port,
     * mode) will be probed, for progress display. A name with several addresses yields one endpoint per
     * address, so more results than planned targets may arrive. {@code onResult} is called from many threads.
     */
    public ScanReport run(ScanRequest request, IntConsumer onPlanned, Consumer<EndpointResult> onResult) {
        return run(request, onPlanned, onResult, DialWatcher.NONE);
    }

    /** As {@link #run(ScanRequest, IntConsumer, Consumer)}, telling {@code watcher} each connection step as it starts. */
    public ScanReport run(ScanRequest request, IntConsumer onPlanned, Consumer<EndpointResult> onResult,
                          DialWatcher watcher) {
        Instant started = request.clock().instant();
        // A shard chooses its targets by their addresses, then must scan those very addresses: one answer per name.
        Resolver resolver = request.shard() == null ? request.resolver() : new RememberingResolver(request.resolver());
        EndpointPlanner planner = new EndpointPlanner(request.profile().ports(), request.profile().modes(),
                request.forcedMode(), request.overrides(), resolver, request.firstAddressOnly(), request.mxLookup(),
                request.profile().fanOut(), request.allowPrivateMx());
        EndpointPlanner.Plan plan = planner.plan(request.specs());
        if (request.shard() != null) {
            plan = ShardPartition.select(plan, planner, request.shard(), request.concurrency());
        }
        // All MX hosts of a domain are in one shard: that shard inspects and judges the domain, the others skip it.
        List<DomainResult> domains = request.shard() == null ? MailDomains.inspect(request)
                : MailDomains.inspect(request, shardDomains(plan)::contains);
        Map<String, HostDane> dane = MailDomains.hostsByKey(domains);
        onPlanned.accept(plan.targets().size() + plan.finished().size());
        Judge judge = new Judge(request.profile(), diagnosis);
        EndpointProbe probe = new EndpointProbe(request.profile().probe(), new ChainValidator(request.anchors()),
                request.clock());
        ReverseLookup lookup = request.profile().probe().reverseDns() ? reverseLookups.get() : ReverseLookup.none();
        EnumerationStep enumeration = new EnumerationStep(request.profile().probe(), request.profile().enumeration());
        VulnerabilityStep checks = new VulnerabilityStep(request.profile().probe(), checks(request));
        ScanEngine engine = new ScanEngine(request.concurrency(), request.perAddress(),
                (endpoint, slots) -> observe(endpoint, slots, probe, lookup, enumeration, checks,
                        request.profile().probe().totalTimeout(), watcher, dane.get(MailDomains.key(endpoint.target().mx()))),
                judge::judge);
        // Mail domains with nothing to scan (null MX, failed MX lookup) are known first, and reported first.
        // Past the threshold results go to a temporary file, deleted once the report is unreachable (or on exit).
        SpillingResultStore store = new SpillingResultStore(spillThreshold, null,
                warning -> System.err.println("smtpscope: warning: " + warning));
        List<ResultStore.Kept> kept = new ArrayList<>();
        for (EndpointResult domain : plan.finished()) {
            EndpointResult judged = judge.judge(domain);
            onResult.accept(judged);
            kept.add(store.keep(judged));
        }
        kept.addAll(engine.scan(plan.targets(), planner, onResult, store));
        List<EndpointResult> results = store.list(kept);
        return new ScanReport(ScanReport.SCHEMA, tool, started, request.clock().instant(), request.profile().name(),
                results, request.inputErrors(), true, judge.diagnose(results), null, request.shard(),
                judge.judgeDomains(domains, results));
    }

    /** The mail domains a shard's plan reached (MX hosts to scan, or a domain with none). */
    private static java.util.Set<String> shardDomains(EndpointPlanner.Plan plan) {
        java.util.Set<String> out = new java.util.HashSet<>();
        plan.targets().stream().filter(t -> t.mx() != null).forEach(t -> out.add(t.mx().domain()));
        plan.finished().stream().filter(f -> f.mx() != null).forEach(f -> out.add(f.mx().domain()));
        return out;
    }

    /** The profile's checks, and the opt-in SMTP smuggling check only when the request carries the user's consent. */
    private static List<VulnerabilityCheck> checks(ScanRequest request) {
        List<VulnerabilityCheck> checks = new ArrayList<>(CheckCatalogue.create(request.profile().vulnerabilityChecks()));
        if (request.smuggling() != null) {
            checks.add(new SmugglingVulnerabilityCheck(request.smuggling(), request.clock()));
        }
        return checks;
    }

    /**
     * Every observation of one endpoint, in order: the probe (TCP, SMTP, TLS, certificate), the reverse DNS of
     * its address, the TLS enumeration (after the probe, on the endpoint's connection slot and those it may borrow
     * from {@code slots} for parallel hellos), the profile's vulnerability checks (after the enumeration, whose
     * findings their requirements read), the commands that
     * repeat the probe by hand, the MX record that led to it (before judgement: the MX rules read it), and for an MX
     * endpoint what DANE concludes from its host's TLSA records and every chain it presented (the probe's, and one
     * per key type the enumeration saw: a server with RSA and ECDSA certificates needs a TLSA match for each).
     * The probe, the enumeration and the checks share one deadline, the profile's {@code timeouts.total}: whatever the server
     * does, every connection made for the endpoint ends by then. Facts only: judgement comes after, in the engine.
     */
    private static EndpointResult observe(Endpoint endpoint, ConnectionSlots slots, EndpointProbe probe,
                                          ReverseLookup lookup, EnumerationStep enumeration, VulnerabilityStep checks,
                                          Duration total, DialWatcher watcher, HostDane dane) {
        EndpointDeadline deadline = EndpointDeadline.startingNow(total, watcher);
        String daneName = DaneCheck.serverName(dane);
        if (daneName != null && !daneName.equalsIgnoreCase(endpoint.serverName())) {
            endpoint = endpoint.withServerName(daneName); // SNI as a DANE sender sends it; the name checked stays
        }
        ProbeObservation probed = probe.run(endpoint, deadline);
        ReverseDns reverseDns = lookup.lookup(endpoint.address());
        EnumerationOutcome enumerated = enumeration.run(endpoint, probed, deadline, slots);
        TlsResult tls = enumerated.tls();
        List<VulnerabilityResult> vulnerabilities = checks.apply(endpoint, probed, tls, deadline);
        List<String> reproduce = ManualCommands.of(ManualCommands.Request.scan(endpoint.addressText(), endpoint.port(),
                endpoint.target().mode(), endpoint.serverName()));
        return EndpointResult.observed(endpoint, probed, tls, reverseDns, reproduce, vulnerabilities)
                .withDane(DaneCheck.evaluate(dane, probed, enumerated.chains()));
    }
}
