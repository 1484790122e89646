package io.smtpscope.mtasts;

import io.smtpscope.finding.DomainFindings;
import io.smtpscope.result.Finding;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.TxtStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyHistoryTest {
    private static MtaStsResult scan(String id, String sha) {
        return new MtaStsResult("a.test", "_mta-sts.a.test", TxtStatus.FOUND, null, null, List.of(), id, null, null, sha,
                List.of(), List.of());
    }

    @Test
    void aChangedPolicyUnderTheSameIdIsAFinding() {
        List<Finding> findings = PolicyHistory.compare(scan("1", "aaa"), scan("1", "bbb"), new DomainFindings("a.test"));
        assertEquals(1, findings.size());
        assertEquals("MTA_STS_ID_UNCHANGED", findings.get(0).id());
        assertTrue(findings.get(0).explanation().contains("aaa to bbb"), findings.get(0).explanation());
        assertTrue(findings.get(0).explanation().contains("stayed 1"));
    }

    @Test
    void aNewIdOrTheSamePolicyOrMissingFactsAreNot() {
        DomainFindings out = new DomainFindings("a.test");
        assertEquals(List.of(), PolicyHistory.compare(scan("1", "aaa"), scan("2", "bbb"), out), "id bumped");
        assertEquals(List.of(), PolicyHistory.compare(scan("1", "aaa"), scan("1", "aaa"), out), "unchanged");
        assertEquals(List.of(), PolicyHistory.compare(scan("1", null), scan("1", "bbb"), out), "no policy fetched before");
        assertEquals(List.of(), PolicyHistory.compare(null, scan("1", "bbb"), out), "first scan");
        assertEquals(List.of(), PolicyHistory.compare(scan(null, "aaa"), scan(null, "bbb"), out));
    }
}
