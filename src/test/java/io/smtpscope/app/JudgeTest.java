package io.smtpscope.app;

import io.smtpscope.profile.Profile;
import io.smtpscope.profile.ProfileLoader;
import io.smtpscope.report.JsonReportWriter;
import io.smtpscope.report.ReportReader;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Synthetic;
import io.smtpscope.result.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static io.smtpscope.result.Synthetic.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Judgement of observations: the same for a fresh scan and for a saved report read back from disk. */
class JudgeTest {
    @TempDir
    Path dir;

    private static Profile profile(String name) throws Exception {
        return new ProfileLoader().load(name);
    }

    /** Observations only, as a scan would save them before judgement: a legacy protocol and a certificate near expiry. */
    private static List<EndpointResult> observed() {
        return List.of(
                endpoint("mx.a.test", 25).healthy().tls("TLSv1.1")
                        .certificate(Synthetic.trusted("mx.a.test", 15, leaf("mx.a.test", "CA"))).build(),
                endpoint("mx.a.test", 465).reachability(Reachability.TIMEOUT)
                        .error("connect", ErrorKind.CONNECTION_TIMEOUT, "no answer").build(),
                endpoint("mx.a.test", 587).healthy().build());
    }

    private static Finding finding(EndpointResult e, String id) {
        return e.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + e.findings()));
    }

    @Test
    void aSavedReportRejudgedUnderItsOwnProfileGetsTheScansFindings() throws Exception {
        Judge judge = new Judge(profile("default"));
        List<EndpointResult> judged = observed().stream().map(judge::judge).toList();
        ScanReport scanned = new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:05Z"), "default", judged, List.of("hosts.txt:2: bad"), true, judge.diagnose(judged));
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(scanned, json);
        Path file = Files.writeString(dir.resolve("saved.json"), json.toString());

        ScanReport saved = new ReportReader(new Tool("smtpscope", "test")).read(file).report();
        assertEquals(scanned, judge.rejudge(saved));
    }

    @Test
    void anotherProfileChangesJudgementsButNotObservations() throws Exception {
        Judge byDefault = new Judge(profile("default"));
        List<EndpointResult> judged = observed().stream().map(byDefault::judge).toList();
        ScanReport saved = new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:05Z"), "default", judged, List.of(), true, byDefault.diagnose(judged));
        assertEquals(Severity.WARN, finding(saved.endpoints().get(0), "TLS_LEGACY_PROTOCOL").severity());
        assertFalse(Judge.anyFindingReaches(saved, Severity.FAIL));

        ScanReport strict = new Judge(profile("strict")).rejudge(saved);

        assertEquals("strict", strict.profile());
        assertEquals(Severity.FAIL, finding(strict.endpoints().get(0), "TLS_LEGACY_PROTOCOL").severity());
        assertTrue(Judge.anyFindingReaches(strict, Severity.FAIL));
        for (int i = 0; i < saved.endpoints().size(); i++) {
            EndpointResult before = saved.endpoints().get(i);
            EndpointResult after = strict.endpoints().get(i);
            assertEquals(before.withFindings(List.of()), after.withFindings(List.of()), "observations untouched");
        }
        assertEquals(saved.startedAt(), strict.startedAt());
        assertEquals(saved.tool(), strict.tool());
    }

    @Test
    void theDiagnosisIsRecomputedFromTheEndpoints() throws Exception {
        List<EndpointResult> blocked = List.of(
                endpoint("mx.a.test", 25).reachability(Reachability.TIMEOUT).error("connect", ErrorKind.CONNECTION_TIMEOUT, "no answer").build(),
                endpoint("mx.a.test", 587).healthy().build());
        ScanReport undiagnosed = new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), Instant.now(), Instant.now(),
                "default", blocked, List.of(), true, List.of());
        ScanReport judged = new Judge(profile("default")).rejudge(undiagnosed);
        assertEquals(List.of("OUTBOUND_PORT_25_BLOCKED"), judged.diagnosis().stream().map(d -> d.id()).toList());
    }

    @Test
    void theThresholdIsInclusive() throws Exception {
        ScanReport report = new Judge(profile("default")).rejudge(new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"),
                Instant.now(), Instant.now(), "default", List.of(observed().get(0)), List.of(), true, List.of()));
        Severity worst = report.endpoints().get(0).findings().stream().map(Finding::severity).max(Enum::compareTo).orElseThrow();
        assertTrue(Judge.anyFindingReaches(report, worst));
        assertTrue(Judge.anyFindingReaches(report, Severity.INFO));
        assertEquals(worst != Severity.FAIL, !Judge.anyFindingReaches(report, Severity.FAIL));
    }
}
