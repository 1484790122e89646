package io.smtpscope.engine;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.diagnosis.NetworkDiagnosis;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.FindingRules;
import io.smtpscope.target.Endpoint;
import io.smtpscope.probe.EndpointProbe;
import io.smtpscope.reproduce.ManualCommands;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Target;
import io.smtpscope.tls.enumeration.EnumerationStep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One scan run: plan endpoints, probe them concurrently, judge each result, assemble the report. */
public final class Scanner {
    private final Tool tool;
    private final ReverseLookup reverseLookup;
    private final NetworkDiagnosis diagnosis;

    public Scanner(Tool tool) {
        this(tool, ReverseLookup.system(5_000), new NetworkDiagnosis());
    }

    /** With a reverse lookup and diagnosis of the caller's choice (tests: no real DNS, loopback ports). */
    public Scanner(Tool tool, ReverseLookup reverseLookup, NetworkDiagnosis diagnosis) {
        this.tool = tool;
        this.reverseLookup = reverseLookup;
        this.diagnosis = diagnosis;
    }

    public ScanReport run(ScanRequest request, Consumer<EndpointResult> onResult) {
        return run(request, planned -> { }, onResult);
    }

    /**
     * As {@link #run(ScanRequest, Consumer)}, and first tells {@code onPlanned} how many targets (host, port,
     * mode) will be probed, for progress display. A name with several addresses yields one endpoint per
     * address, so more results than planned targets may arrive.
     */
    public ScanReport run(ScanRequest request, java.util.function.IntConsumer onPlanned, Consumer<EndpointResult> onResult) {
        Instant started = request.clock().instant();
        EndpointPlanner planner = new EndpointPlanner(request.profile().ports(), request.profile().modes(),
                request.forcedMode(), request.overrides(), request.resolver(), request.firstAddressOnly(), request.mxLookup());
        EndpointPlanner.Plan plan = planner.plan(request.specs());
        List<Target> targets = plan.targets();
        onPlanned.accept(targets.size() + plan.finished().size());
        EndpointProbe probe = new EndpointProbe(request.profile().probe(), new ChainValidator(request.anchors()),
                request.clock());
        FindingRules rules = new FindingRules(FindingCatalogue.bundled(), request.profile().judge());
        ReverseLookup lookup = request.profile().probe().reverseDns() ? reverseLookup : ReverseLookup.none();
        // TLS enumeration (issue 3) runs after the probe, inside the same per-address permit, before judgement.
        EnumerationStep enumeration = new EnumerationStep(request.profile().probe(), request.profile().enumeration());
        ScanEngine engine = new ScanEngine(request.concurrency(), request.perAddress(),
                endpoint -> withReproduce(enumeration.apply(endpoint,
                        probe.run(endpoint).withReverseDns(lookup.lookup(endpoint.address()))), endpoint),
                rules::judge);
        // Mail domains with nothing to scan (null MX, failed MX lookup) are known first, and reported first.
        List<EndpointResult> results = new ArrayList<>();
        for (EndpointResult domain : plan.finished()) {
            EndpointResult judged = rules.judge(domain);
            onResult.accept(judged);
            results.add(judged);
        }
        results.addAll(engine.scan(targets, planner, onResult));
        return new ScanReport(ScanReport.SCHEMA, tool, started, request.clock().instant(), request.profile().name(),
                results, request.inputErrors(), true, diagnosis.diagnose(results));
    }

    /** The openssl/swaks commands that repeat this endpoint's probe by hand (issue 7). */
    static EndpointResult withReproduce(EndpointResult result, Endpoint endpoint) {
        return result.withReproduce(ManualCommands.of(ManualCommands.Request.scan(
                endpoint.addressText(), endpoint.port(), endpoint.target().mode(), endpoint.nameToCheck())));
    }
}
