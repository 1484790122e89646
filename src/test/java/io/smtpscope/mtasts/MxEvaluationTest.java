package io.smtpscope.mtasts;

import io.smtpscope.finding.DomainFindings;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.JudgePolicy;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsPolicy;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.PolicyFetch;
import io.smtpscope.result.Severity;
import io.smtpscope.result.TxtStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MxEvaluationTest {
    private static final PolicyFetch OK = new PolicyFetch("https://mta-sts.a.test/.well-known/mta-sts.txt",
            HttpsFetchStatus.OK, 200, "text/plain", 80, true, null, null, null);

    private static MtaStsResult fetched(MtaStsMode mode, String... mx) {
        return new MtaStsResult("a.test", "_mta-sts.a.test", TxtStatus.FOUND, null, null, List.of("v=STSv1; id=1"), "1",
                OK, new MtaStsPolicy("STSv1", mode, 604800L, List.of(mx)), "00", List.of(), List.of());
    }

    private static List<String> ids(MtaStsResult r) {
        return r.findings().stream().map(Finding::id).toList();
    }

    @Test
    void underTestingFailuresAreWarningsAndUnderNoneNothingIsJudged() {
        List<MxEvaluation.MxHost> hosts = List.of(new MxEvaluation.MxHost("mx.other.test", false));
        MtaStsResult testing = MxEvaluation.evaluate(fetched(MtaStsMode.TESTING, "mx.a.test"), hosts, new DomainFindings("a.test"));
        assertEquals(List.of("MTA_STS_MX_NOT_COVERED", "MTA_STS_MX_CERT_INVALID"), ids(testing));
        assertTrue(testing.findings().stream().allMatch(f -> f.severity() == Severity.WARN));
        assertTrue(testing.findings().get(0).explanation().contains("deliver anyway"));

        MtaStsResult none = MxEvaluation.evaluate(fetched(MtaStsMode.NONE), hosts, new DomainFindings("a.test"));
        assertEquals(List.of(), ids(none));
        assertEquals(1, none.mxCoverage().size(), "coverage is still shown");
    }

    @Test
    void addressesOfOneHostMergeAndOneInvalidCertificateFailsIt() {
        MtaStsResult r = MxEvaluation.evaluate(fetched(MtaStsMode.ENFORCE, "*.a.test"), List.of(
                new MxEvaluation.MxHost("MX1.a.test.", null), new MxEvaluation.MxHost("mx1.a.test", true),
                new MxEvaluation.MxHost("mx1.a.test", false), new MxEvaluation.MxHost("mx2.a.test", true),
                new MxEvaluation.MxHost("mx2.a.test", null)), new DomainFindings("a.test"));
        assertEquals(2, r.mxCoverage().size());
        assertEquals(Boolean.FALSE, r.mxCoverage().get(0).certificateValid());
        assertEquals(Boolean.TRUE, r.mxCoverage().get(1).certificateValid());
        assertEquals(List.of("MTA_STS_MX_CERT_INVALID"), ids(r));
    }

    @Test
    void withoutAFetchedPolicyNothingChanges() {
        MtaStsResult unfetched = new MtaStsResult("a.test", "_mta-sts.a.test", TxtStatus.NO_RECORDS, null, null, List.of(),
                null, null, null, null, List.of(), List.of());
        assertSame(unfetched, MxEvaluation.evaluate(unfetched, List.of(new MxEvaluation.MxHost("mx.a.test", false)),
                new DomainFindings("a.test")));
    }

    @Test
    void theProfileCanOverrideSeverities() {
        DomainFindings lenient = new DomainFindings(FindingCatalogue.bundled(),
                new JudgePolicy(21, 7, Map.of("MTA_STS_MX_NOT_COVERED", Severity.INFO)), "a.test");
        MtaStsResult r = MxEvaluation.evaluate(fetched(MtaStsMode.ENFORCE, "mx.a.test"),
                List.of(new MxEvaluation.MxHost("mx.b.test", true)), lenient);
        assertEquals(Severity.INFO, r.findings().get(0).severity());
    }

    @Test
    void aCertificateCountsOnlyForTheNameItWasCheckedAgainst() {
        ChainCertificate leaf = new ChainCertificate("CN=mx.a.test", "CN=ca", "01", null, null, List.of("mx.a.test"),
                "EC", 256, "SHA256withECDSA", "00");
        CertificateResult good = new CertificateResult(List.of(leaf), true, null, "mx.a.test", true, false, false, 30, false);
        assertEquals(Boolean.TRUE, MxEvaluation.MxHost.of("MX.a.test.", good).certificateValid());
        CertificateResult expired = new CertificateResult(List.of(leaf), true, null, "mx.a.test", true, true, false, -1, false);
        assertEquals(Boolean.FALSE, MxEvaluation.MxHost.of("mx.a.test", expired).certificateValid());
        CertificateResult otherName = new CertificateResult(List.of(leaf), true, null, "127.0.0.2", false, false, false, 30, false);
        assertNull(MxEvaluation.MxHost.of("mx.a.test", otherName).certificateValid(), "checked against another name: unknown");
        CertificateResult untrusted = new CertificateResult(List.of(leaf), false, "self-signed", "127.0.0.2", false, false, false, 30, true);
        assertEquals(Boolean.FALSE, MxEvaluation.MxHost.of("mx.a.test", untrusted).certificateValid());
        assertNull(MxEvaluation.MxHost.of("mx.a.test", null).certificateValid());
    }
}
