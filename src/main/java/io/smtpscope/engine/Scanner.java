package io.smtpscope.engine;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.FindingRules;
import io.smtpscope.probe.EndpointProbe;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Target;
import io.smtpscope.tls.enumeration.EnumerationStep;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** One scan run: plan endpoints, probe them concurrently, judge each result, assemble the report. */
public final class Scanner {
    private final Tool tool;

    public Scanner(Tool tool) {
        this.tool = tool;
    }

    public ScanReport run(ScanRequest request, Consumer<EndpointResult> onResult) {
        Instant started = request.clock().instant();
        EndpointPlanner planner = new EndpointPlanner(request.profile().ports(), request.profile().modes(),
                request.forcedMode(), request.overrides(), request.resolver(), request.firstAddressOnly());
        List<Target> targets = planner.targets(request.specs());
        EndpointProbe probe = new EndpointProbe(request.profile().probe(), new ChainValidator(request.anchors()),
                request.clock());
        FindingRules rules = new FindingRules(FindingCatalogue.bundled(), request.profile().judge());
        // TLS enumeration (issue 3) runs after the probe, inside the same per-address permit, before judgement.
        EnumerationStep enumeration = new EnumerationStep(request.profile().probe(), request.profile().enumeration());
        ScanEngine engine = new ScanEngine(request.concurrency(), request.perAddress(),
                endpoint -> enumeration.apply(endpoint, probe.run(endpoint)), rules::judge);
        List<EndpointResult> results = engine.scan(targets, planner, onResult);
        return new ScanReport(ScanReport.SCHEMA, tool, started, request.clock().instant(), request.profile().name(),
                results, request.inputErrors(), true, List.of());
    }
}
