package io.smtpscope.app;

import io.smtpscope.profile.ProfileLoader;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsPolicy;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.PolicyFetch;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.result.TxtStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a history, a run whose MTA-STS policy differs from the last recorded one under the same id gets
 * MTA_STS_ID_UNCHANGED (senders that cached the old policy never fetch the new one); an unchanged policy, or a new
 * id, does not.
 */
class MtaStsHistoryTest {
    @TempDir
    Path dir;

    private static ScanReport run(Instant at, String id, String sha256) {
        MtaStsResult sts = new MtaStsResult("a.test", "_mta-sts.a.test", TxtStatus.FOUND, null, null,
                List.of("v=STSv1; id=" + id), id,
                new PolicyFetch("https://mta-sts.a.test/.well-known/mta-sts.txt", HttpsFetchStatus.OK, 200, "text/plain",
                        80, true, null, null, null),
                new MtaStsPolicy("STSv1", MtaStsMode.ENFORCE, 604800L, List.of("mx.a.test")), sha256, List.of(), List.of());
        DomainResult d = DomainResult.observed("a.test", List.of(), new DomainDnssec(DnssecState.INSECURE, null),
                new DomainDane(List.of())).withPolicies(sts, null).judged("verdict", List.of());
        return new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), at, at.plusSeconds(5), "default",
                List.of(), List.of(), true, List.of(), null, null, List.of(d));
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void aPolicyChangedUnderTheSameIdIsAFindingOfTheNextRun() throws Exception {
        Profile profile = new ProfileLoader().load("default");
        StringWriter warnings = new StringWriter();
        HealthRecorder recorder = new HealthRecorder(Optional.of(dir.resolve("history.db")), 0, Optional.empty(),
                new PrintWriter(warnings, true));
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");

        ScanReport first = recorder.withMtaStsHistory(run(t0, "20261101", "aa"), profile);
        assertEquals(List.of(), ids(first.domains().get(0).findings()), "nothing to compare with yet");
        recorder.record(first);

        ScanReport same = recorder.withMtaStsHistory(run(t0.plusSeconds(3600), "20261101", "aa"), profile);
        assertEquals(List.of(), ids(same.domains().get(0).findings()), "same id, same policy");
        recorder.record(same);

        ScanReport changed = recorder.withMtaStsHistory(run(t0.plusSeconds(7200), "20261101", "bb"), profile);
        DomainResult d = changed.domains().get(0);
        assertEquals(List.of("MTA_STS_ID_UNCHANGED"), ids(d.findings()));
        assertEquals(List.of("MTA_STS_ID_UNCHANGED"), ids(d.mtaSts().findings()));
        assertTrue(d.findings().get(0).explanation().contains("20261101"), d.findings().get(0).explanation());
        recorder.record(changed);

        ScanReport bumped = recorder.withMtaStsHistory(run(t0.plusSeconds(10800), "20261102", "cc"), profile);
        assertEquals(List.of(), ids(bumped.domains().get(0).findings()), "a new id with the new policy is right");
        assertEquals("", warnings.toString());
    }
}
