package io.smtpscope.app;

import io.smtpscope.profile.ProfileLoader;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsPolicy;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.MxRecordSeen;
import io.smtpscope.result.PolicyFetch;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.TlsRptResult;
import io.smtpscope.result.Tool;
import io.smtpscope.result.TxtStatus;
import io.smtpscope.target.MxOrigin;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Instant;
import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A domain's MTA-STS policy is held against its scanned MX endpoints when judged: an MX no pattern covers is a
 * finding of the domain, the verdict says how many MX hosts pass, TLS-RPT is named; judging again adds nothing twice.
 */
class JudgeMtaStsTest {
    private static ScanReport observed() {
        return observed(List.of(), List.of());
    }

    /** With findings the checks recorded at scan time (MTA-STS, TLS-RPT). */
    private static ScanReport observed(List<Finding> stsRecorded, List<Finding> rptRecorded) {
        EndpointResult covered = endpoint("mx1.a.test", 25).address("192.0.2.1").healthy()
                .mx(MxOrigin.exchange("a.test", 10, "mx1.a.test")).build();
        EndpointResult stray = endpoint("mx2.elsewhere.test", 25).address("192.0.2.2").healthy()
                .mx(MxOrigin.exchange("a.test", 20, "mx2.elsewhere.test")).build();
        MtaStsResult sts = new MtaStsResult("a.test", "_mta-sts.a.test", TxtStatus.FOUND, null, null,
                List.of("v=STSv1; id=20261201"), "20261201",
                new PolicyFetch("https://mta-sts.a.test/.well-known/mta-sts.txt", HttpsFetchStatus.OK, 200, "text/plain", 80,
                        true, null, null, null),
                new MtaStsPolicy("STSv1", MtaStsMode.ENFORCE, 604800L, List.of("mx1.a.test")), "00", List.of(), stsRecorded);
        TlsRptResult rpt = new TlsRptResult("a.test", "_smtp._tls.a.test", TxtStatus.FOUND, null, null,
                List.of("v=TLSRPTv1; rua=mailto:tlsrpt@a.test"), List.of("mailto:tlsrpt@a.test"), false, rptRecorded);
        DomainResult d = DomainResult.observed("a.test", List.of(new MxRecordSeen(10, "mx1.a.test", false),
                        new MxRecordSeen(20, "mx2.elsewhere.test", false)),
                new DomainDnssec(DnssecState.INSECURE, null), new DomainDane(List.of())).withPolicies(sts, rpt);
        return new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:05Z"), "default", List.of(covered, stray), List.of(), true, List.of(), null,
                null, List.of(d));
    }

    @Test
    void theMxHostsAreHeldAgainstThePolicyOnceEveryJudgement() throws Exception {
        Judge judge = new Judge(new ProfileLoader().load("default"));
        ScanReport judged = judge.rejudge(observed());
        DomainResult d = judged.domains().get(0);

        List<String> ids = d.findings().stream().map(Finding::id).toList();
        assertEquals(1, ids.stream().filter("MTA_STS_MX_NOT_COVERED"::equals).count(), ids.toString());
        assertTrue(d.findings().stream().anyMatch(f -> f.id().equals("MTA_STS_MX_NOT_COVERED")
                && f.explanation().contains("mx2.elsewhere.test")), d.findings().toString());
        assertEquals(2, d.mtaSts().mxCoverage().size());
        assertTrue(d.verdict().contains("MTA-STS: enforce, 1 of 2 MX host(s) fail it"), d.verdict());
        assertTrue(d.verdict().contains("reporting: TLS-RPT to mailto:tlsrpt@a.test"), d.verdict());

        ScanReport again = judge.rejudge(judged);
        assertEquals(d.findings(), again.domains().get(0).findings(), "judging again adds no finding twice");
        assertEquals(d.mtaSts(), again.domains().get(0).mtaSts());
    }

    @Test
    void judgingUnderAnotherProfileWeighsTheChecksRecordedFindingsAgain(@TempDir Path dir) throws Exception {
        Finding shortAge = new Finding("MTA_STS_MAX_AGE_SHORT", Severity.WARN, "t", "e", "r", List.of());
        Finding legacy = new Finding("TLS_RPT_NONE", Severity.INFO, "t", "e", "r", List.of());
        Path strictish = dir.resolve("p.yaml");
        Files.writeString(strictish, """
                name: p
                severity:
                  MTA_STS_MAX_AGE_SHORT: fail
                  TLS_RPT_NONE: warn
                """);
        ScanReport underP = new Judge(new ProfileLoader().load(strictish.toString())).rejudge(observed(List.of(shortAge), List.of(legacy)));
        DomainResult d = underP.domains().get(0);
        assertEquals(Severity.FAIL, severity(d.mtaSts().findings(), "MTA_STS_MAX_AGE_SHORT"));
        assertEquals(Severity.FAIL, severity(d.findings(), "MTA_STS_MAX_AGE_SHORT"));
        assertEquals(Severity.WARN, severity(d.tlsRpt().findings(), "TLS_RPT_NONE"));
        assertEquals(Severity.WARN, severity(d.findings(), "TLS_RPT_NONE"));

        // and back under the default profile: the catalogue's severities, not the ones recorded under p
        DomainResult back = new Judge(new ProfileLoader().load("default")).rejudge(underP).domains().get(0);
        assertEquals(FindingCatalogue.bundled().entry("MTA_STS_MAX_AGE_SHORT").orElseThrow().severity(),
                severity(back.findings(), "MTA_STS_MAX_AGE_SHORT"));
        assertEquals(FindingCatalogue.bundled().entry("TLS_RPT_NONE").orElseThrow().severity(),
                severity(back.findings(), "TLS_RPT_NONE"));
        assertEquals(1, back.findings().stream().filter(f -> f.id().equals("MTA_STS_MAX_AGE_SHORT")).count());
    }

    private static Severity severity(List<Finding> findings, String id) {
        return findings.stream().filter(f -> f.id().equals(id)).map(Finding::severity).findFirst()
                .orElseThrow(() -> new AssertionError(id + " missing from " + findings));
    }
}
