package io.smtpscope.app;

import io.smtpscope.diagnosis.HostDiagnosis;
import io.smtpscope.diagnosis.NetworkDiagnosis;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.finding.DomainRules;
import io.smtpscope.finding.DomainVerdict;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.FindingRules;
import io.smtpscope.mtasts.MxEvaluation;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;

import java.util.List;

/**
 * Judgement of observations under one profile: findings per endpoint, then the network diagnosis across them.
 * A scan judges each endpoint as it finishes; {@code judge} re-judges a saved report. Both go through here, so
 * a saved report re-judged under the profile it was scanned with gets the findings the scan gave it.
 */
public final class Judge {
    private final Profile profile;
    private final FindingRules rules;
    private final DomainRules domainRules;
    private final NetworkDiagnosis diagnosis;
    private final HostDiagnosis hosts = new HostDiagnosis();

    public Judge(Profile profile) {
        this(profile, new NetworkDiagnosis());
    }

    /** With a diagnosis of the caller's choice (tests move the relay port). */
    public Judge(Profile profile, NetworkDiagnosis diagnosis) {
        this.profile = profile;
        this.rules = new FindingRules(FindingCatalogue.bundled(), profile.judge());
        this.domainRules = new DomainRules(FindingCatalogue.bundled(), profile.judge());
        this.diagnosis = diagnosis;
    }

    /** The endpoint with its findings replaced by those the profile gives its observations. */
    public EndpointResult judge(EndpointResult observed) {
        return observed.withFindings(rules.findings(observed));
    }

    /** Conclusions across judged endpoints that no single endpoint shows: about this network, then per host. */
    public List<Diagnosis> diagnose(List<EndpointResult> judged) {
        List<Diagnosis> network = diagnosis.diagnose(judged);
        List<Diagnosis> all = new java.util.ArrayList<>(network);
        all.addAll(hosts.diagnose(judged, network));
        return List.copyOf(all);
    }

    /**
     * Each mail domain with its verdict and findings replaced by those its observations and its judged MX endpoints
     * (those reached through its MX records, {@code judged}) call for under this profile.
     */
    public List<DomainResult> judgeDomains(List<DomainResult> domains, List<EndpointResult> judged) {
        return domains.stream().map(d -> {
            List<EndpointResult> mine = judged.stream().filter(e -> e.mx() != null && e.mx().host() != null
                    && d.domain().equalsIgnoreCase(stripDot(e.mx().domain()))).toList();
            DomainFindings weigh = new DomainFindings(FindingCatalogue.bundled(), profile.judge(), d.domain());
            // The checks' recorded findings under this profile's severities; the MX evaluation is done again.
            DomainResult evaluated = d.mtaSts() == null ? d : d.withMtaSts(MxEvaluation.evaluate(
                    d.mtaSts().withoutMxCoverage().withEachFinding(weigh::reweighed),
                    mine.stream().map(e -> MxEvaluation.MxHost.of(stripDot(e.mx().host()), e.certificate())).toList(),
                    weigh.fresh()));
            if (evaluated.tlsRpt() != null) {
                evaluated = evaluated.withPolicies(evaluated.mtaSts(), evaluated.tlsRpt().withEachFinding(weigh::reweighed));
            }
            List<Finding> findings = new java.util.ArrayList<>(domainRules.findings(evaluated, mine));
            if (evaluated.mtaSts() != null) {
                findings.addAll(evaluated.mtaSts().findings());
            }
            if (evaluated.tlsRpt() != null) {
                findings.addAll(evaluated.tlsRpt().findings());
            }
            return evaluated.judged(DomainVerdict.of(evaluated, mine), findings);
        }).toList();
    }

    private static String stripDot(String name) {
        return name != null && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Findings and diagnosis from the observations alone, under this profile; the report is otherwise unchanged. */
    public ScanReport rejudge(ScanReport saved) {
        List<EndpointResult> endpoints = saved.endpoints().stream().map(this::judge).toList();
        return new ScanReport(saved.schema(), saved.tool(), saved.startedAt(), saved.finishedAt(), profile.name(),
                endpoints, saved.inputErrors(), saved.complete(), diagnose(endpoints), null, saved.shard(),
                judgeDomains(saved.domains(), endpoints));
    }

    /**
     * True when some finding or diagnosis of the report reaches {@code threshold}: the "exit 1" of scan and
     * judge. Diagnoses count: a host with no reachable mail port is a failure even though each closed port on
     * its own is only a warning.
     */
    public static boolean anyFindingReaches(ScanReport report, Severity threshold) {
        return report.endpoints().stream().flatMap(e -> e.findings().stream()).anyMatch(f -> f.severity().atLeast(threshold))
                || report.diagnosis().stream().anyMatch(d -> d.severity().atLeast(threshold))
                || report.domains().stream().flatMap(d -> d.findings().stream()).anyMatch(f -> f.severity().atLeast(threshold));
    }
}
