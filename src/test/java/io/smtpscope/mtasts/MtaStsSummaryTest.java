package io.smtpscope.mtasts;

import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsPolicy;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.MxCoverage;
import io.smtpscope.result.PolicyFetch;
import io.smtpscope.result.TlsRptResult;
import io.smtpscope.result.TxtStatus;
import io.smtpscope.tlsrpt.TlsRptSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MtaStsSummaryTest {
    private static MtaStsResult result(TxtStatus status, List<String> records, String id, HttpsFetchStatus fetch,
                                       MtaStsMode mode, List<MxCoverage> coverage) {
        PolicyFetch facts = fetch == null ? null : new PolicyFetch("https://mta-sts.a.test/.well-known/mta-sts.txt", fetch,
                200, "text/plain", 10, true, null, null, null);
        MtaStsPolicy policy = mode == null ? null : new MtaStsPolicy("STSv1", mode, 604800L, List.of("*.a.test"));
        return new MtaStsResult("a.test", "_mta-sts.a.test", status, null, null, records, id, facts, policy, null, coverage,
                List.of());
    }

    @Test
    void theWordsFollowTheFacts() {
        assertEquals("MTA-STS unknown (the _mta-sts lookup failed)",
                MtaStsSummary.of(result(TxtStatus.FAILED, List.of(), null, null, null, List.of())));
        assertEquals("no MTA-STS", MtaStsSummary.of(result(TxtStatus.NO_RECORDS, List.of(), null, null, null, List.of())));
        assertEquals("no MTA-STS (the _mta-sts record is not valid)",
                MtaStsSummary.of(result(TxtStatus.FOUND, List.of("v=STSv1;"), null, null, null, List.of())));
        assertEquals("MTA-STS announced, but its policy could not be fetched (certificate invalid)", MtaStsSummary.of(
                result(TxtStatus.FOUND, List.of("v=STSv1; id=1"), "1", HttpsFetchStatus.CERTIFICATE_INVALID, null, List.of())));
        assertEquals("MTA-STS enforce, all 2 MX hosts covered", MtaStsSummary.of(result(TxtStatus.FOUND, List.of("r"), "1",
                HttpsFetchStatus.OK, MtaStsMode.ENFORCE, List.of(new MxCoverage("a.a.test", "*.a.test", true),
                        new MxCoverage("b.a.test", "*.a.test", null)))));
        assertEquals("MTA-STS testing, 1 of 2 MX hosts covered, 1 with an invalid certificate", MtaStsSummary.of(
                result(TxtStatus.FOUND, List.of("r"), "1", HttpsFetchStatus.OK, MtaStsMode.TESTING,
                        List.of(new MxCoverage("a.a.test", "*.a.test", false), new MxCoverage("b.b.test", null, true)))));
        assertEquals("MTA-STS none", MtaStsSummary.of(result(TxtStatus.FOUND, List.of("r"), "1", HttpsFetchStatus.OK,
                MtaStsMode.NONE, List.of(new MxCoverage("b.b.test", null, true)))));
    }

    @Test
    void tlsRptWords() {
        assertEquals("reporting: TLS-RPT to mailto:a@a.test, https://r.a.test/", TlsRptSummary.of(new TlsRptResult("a.test",
                "_smtp._tls.a.test", TxtStatus.FOUND, null, null, List.of("r"), List.of("mailto:a@a.test", "https://r.a.test/"),
                false, List.of())));
        assertEquals("reporting: none (a TLS-RPT record only at the old name _smtp-tlsrpt)", TlsRptSummary.of(
                new TlsRptResult("a.test", "_smtp._tls.a.test", TxtStatus.NO_RECORDS, null, null, List.of(), List.of(), true, List.of())));
        assertEquals("reporting: unknown (the _smtp._tls lookup failed)", TlsRptSummary.of(
                new TlsRptResult("a.test", "_smtp._tls.a.test", TxtStatus.FAILED, null, "SERVFAIL", List.of(), List.of(), false, List.of())));
    }
}
