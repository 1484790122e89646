package io.smtpscope.app;

import io.smtpscope.diagnosis.HostDiagnosis;
import io.smtpscope.diagnosis.NetworkDiagnosis;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.FindingRules;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointResult;
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
    private final NetworkDiagnosis diagnosis;
    private final HostDiagnosis hosts = new HostDiagnosis();

    public Judge(Profile profile) {
        this(profile, new NetworkDiagnosis());
    }

    /** With a diagnosis of the caller's choice (tests move the relay port). */
    public Judge(Profile profile, NetworkDiagnosis diagnosis) {
        this.profile = profile;
        this.rules = new FindingRules(FindingCatalogue.bundled(), profile.judge());
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

    /** Findings and diagnosis from the observations alone, under this profile; the report is otherwise unchanged. */
    public ScanReport rejudge(ScanReport saved) {
        List<EndpointResult> endpoints = saved.endpoints().stream().map(this::judge).toList();
        return new ScanReport(saved.schema(), saved.tool(), saved.startedAt(), saved.finishedAt(), profile.name(),
                endpoints, saved.inputErrors(), saved.complete(), diagnose(endpoints), null, saved.shard());
    }

    /**
     * True when some finding or diagnosis of the report reaches {@code threshold}: the "exit 1" of scan and
     * judge. Diagnoses count: a host with no reachable mail port is a failure even though each closed port on
     * its own is only a warning.
     */
    public static boolean anyFindingReaches(ScanReport report, Severity threshold) {
        return report.endpoints().stream().flatMap(e -> e.findings().stream()).anyMatch(f -> f.severity().atLeast(threshold))
                || report.diagnosis().stream().anyMatch(d -> d.severity().atLeast(threshold));
    }
}
