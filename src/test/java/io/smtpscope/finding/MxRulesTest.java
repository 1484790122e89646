package io.smtpscope.finding;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import io.smtpscope.target.MxOrigin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Judgements of how a mail domain publishes its MX hosts (RFC 5321 section 5.1, RFC 7505, RFC 2181 section 10.3). */
class MxRulesTest {
    private static List<Finding> findings(EndpointResult e) {
        return new FindingRules(FindingCatalogue.bundled(), JudgePolicy.defaults()).findings(e);
    }

    private static List<String> ids(EndpointResult e) {
        return findings(e).stream().map(Finding::id).toList();
    }

    @Test
    void aHealthyMxHostFoundThroughARealMxRecordHasNoMxFinding() {
        assertEquals(List.of(), ids(endpoint("mx.a.test", 25).healthy().mx(MxOrigin.exchange("a.test", 10, "mx.a.test")).build()));
    }

    @Test
    void nullMxIsInformationNotADnsFailure() {
        EndpointResult nullMx = endpoint("a.test", 25).reachability(Reachability.DNS_ERROR)
                .error("dns", ErrorKind.DNS_ERROR, "a.test publishes a null MX (RFC 7505)").mx(MxOrigin.nullMx("a.test")).build();
        List<Finding> found = findings(nullMx);
        assertEquals(List.of("NULL_MX"), found.stream().map(Finding::id).toList());
        assertEquals(Severity.INFO, found.get(0).severity());
        assertTrue(found.get(0).explanation().startsWith("a.test publishes a null MX record"), found.get(0).explanation());
    }

    @Test
    void aFailedMxLookupIsADnsError() {
        assertEquals(List.of("DNS_ERROR"), ids(endpoint("a.test", 25).reachability(Reachability.DNS_ERROR)
                .error("dns", ErrorKind.DNS_ERROR, "MX lookup of a.test failed: SERVFAIL").mx(MxOrigin.failed("a.test")).build()));
    }

    @Test
    void implicitMxIsInformationNextToWhatTheHostItselfShows() {
        assertEquals(List.of("MX_IMPLICIT"), ids(endpoint("a.test", 25).healthy().mx(MxOrigin.implicitFor("a.test")).build()));
    }

    @Test
    void anMxNamingAnAddressIsAWarning() {
        Finding f = findings(endpoint("192.0.2.25", 25).healthy().mx(MxOrigin.exchange("a.test", 10, "192.0.2.25")).build()).get(0);
        assertEquals("MX_TARGET_IS_ADDRESS", f.id());
        assertEquals(Severity.WARN, f.severity());
        assertTrue(f.explanation().contains("The MX record of a.test (preference 10) names 192.0.2.25"), f.explanation());
    }
}
