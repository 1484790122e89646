package io.smtpscope.app;

import io.smtpscope.profile.ProfileLoader;
import io.smtpscope.report.JsonReportWriter;
import io.smtpscope.report.ReportReader;
import io.smtpscope.result.DaneOutcome;
import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointDane;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.MxRecordSeen;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.TlsaMatch;
import io.smtpscope.result.TlsaSeen;
import io.smtpscope.result.Tool;
import io.smtpscope.target.MxOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Domains are judged like endpoints: from observations alone, again on a saved report, and they count for --fail-on. */
class JudgeDomainsTest {
    @TempDir
    Path dir;

    private static ScanReport observed() {
        TlsaSeen old = new TlsaSeen(3, 1, 1, "ab".repeat(32), true, null);
        HostDane host = new HostDane("mx.a.test", null, DnssecState.SECURE, "_25._tcp.mx.a.test", DnssecState.SECURE,
                DaneStatus.USABLE, List.of(old), null);
        EndpointResult e = endpoint("mx.a.test", 25).address("192.0.2.1").healthy().mx(MxOrigin.exchange("a.test", 10, "mx.a.test"))
                .build().withDane(new EndpointDane("_25._tcp.mx.a.test", DaneOutcome.NO_MATCH,
                        List.of(new TlsaMatch(old, false, "does not match")), "none matches"));
        DomainResult d = DomainResult.observed("a.test", List.of(new MxRecordSeen(10, "mx.a.test", true)),
                new DomainDnssec(DnssecState.SECURE, null), new DomainDane(List.of(host)));
        return new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:05Z"), "default", List.of(e), List.of(), true, List.of(), null, null, List.of(d));
    }

    @Test
    void aSavedReportsDomainsAreRejudgedFromTheirObservations() throws Exception {
        Judge judge = new Judge(new ProfileLoader().load("default"));
        ScanReport judged = judge.rejudge(observed());
        DomainResult d = judged.domains().get(0);
        assertTrue(d.verdict().contains("DANE failing"), d.verdict());
        assertTrue(judged.endpoints().get(0).findings().stream().anyMatch(f -> f.id().equals("DANE_NO_MATCH")));
        assertTrue(Judge.anyFindingReaches(judged, Severity.FAIL));

        StringWriter json = new StringWriter();
        new JsonReportWriter().write(judged, json);
        Path file = Files.writeString(dir.resolve("saved.json"), json.toString());
        ScanReport saved = new ReportReader(new Tool("smtpscope", "test")).read(file).report();
        assertEquals(judged.domains(), saved.domains());
        assertEquals(judged, judge.rejudge(saved));
    }

    @Test
    void domainFindingsAloneReachTheFailThreshold() throws Exception {
        DomainResult bogus = DomainResult.observed("b.test", List.of(), new DomainDnssec(DnssecState.BOGUS, "expired"),
                new DomainDane(List.of()));
        ScanReport report = new Judge(new ProfileLoader().load("default")).rejudge(new ScanReport(ScanReport.SCHEMA,
                new Tool("smtpscope", "test"), Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:05Z"),
                "default", List.of(), List.of(), true, List.of(), null, null, List.of(bogus)));
        List<Finding> findings = report.domains().get(0).findings();
        assertEquals("DNSSEC_MX_BOGUS", findings.get(0).id());
        assertTrue(Judge.anyFindingReaches(report, Severity.FAIL));
    }
}
