package io.smtpscope.finding;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import io.smtpscope.target.FanOut;
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
    void anMxHostAtAPrivateAddressIsAWarningThatSaysItWasNotScanned() {
        EndpointResult refused = endpoint("mx.a.test", 25).address("10.1.2.3").reachability(Reachability.NOT_SCANNED)
                .error("plan", ErrorKind.NOT_SCANNED, "not scanned").mx(MxOrigin.exchange("a.test", 10, "mx.a.test")).build();
        List<Finding> found = findings(refused);
        assertEquals(List.of("MX_ADDRESS_NOT_PUBLIC"), found.stream().map(Finding::id).toList(), "no connectivity finding: nothing was tried");
        assertEquals(Severity.WARN, found.get(0).severity());
        assertTrue(found.get(0).explanation().startsWith("mx.a.test, an MX host of a.test, is at 10.1.2.3, a private (RFC 1918) address."),
                found.get(0).explanation());
        assertTrue(found.get(0).explanation().endsWith("smtpscope did not scan it (--allow-private-mx scans MX hosts in such ranges)."),
                found.get(0).explanation());
    }

    @Test
    void anMxHostScannedInAPrivateRangeIsStillFlagged() {
        Finding f = findings(endpoint("mx.a.test", 25).address("127.0.0.1").healthy()
                .mx(MxOrigin.exchange("a.test", 10, "mx.a.test")).build()).get(0);
        assertEquals("MX_ADDRESS_NOT_PUBLIC", f.id());
        assertTrue(f.explanation().contains("is at 127.0.0.1, a loopback (127.0.0.0/8"), f.explanation());
        assertTrue(f.explanation().endsWith("smtpscope scanned it, as the scan allowed (--allow-private-mx, or an address pinned with --resolve)."),
                f.explanation());
    }

    @Test
    void aHostNamedDirectlyInAPrivateRangeIsTheUsersBusiness() {
        assertEquals(List.of(), ids(endpoint("intranet.test", 25).address("192.168.1.25").healthy().build()));
    }

    @Test
    void aSavedReportWithANameForAnAddressIsNeverLookedUp() {
        // re-judging reads the address as a literal only: "localhost" would resolve to loopback if it were looked up
        assertEquals(List.of(), ids(endpoint("mx.a.test", 25).address("localhost").healthy()
                .mx(MxOrigin.exchange("a.test", 10, "mx.a.test")).build()));
    }

    @Test
    void cappedFanOutIsInformation() {
        EndpointResult capped = endpoint("mx0.many.test", 25).healthy().mx(MxOrigin.exchange("many.test", 0, "mx0.many.test"))
                .fanOut(new FanOut(new FanOut.Capped(2900, 10), new FanOut.Capped(40, 10))).build();
        List<Finding> found = findings(capped);
        assertEquals(List.of("MX_HOSTS_CAPPED", "ADDRESSES_CAPPED"), found.stream().map(Finding::id).toList());
        assertTrue(found.stream().allMatch(f -> f.severity() == Severity.INFO));
        assertTrue(found.get(0).explanation().startsWith("many.test publishes 2900 MX hosts; smtpscope scanned the first 10"
                + " in preference order (mx0.many.test:25 is one of them)"), found.get(0).explanation());
        assertTrue(found.get(1).explanation().startsWith("mx0.many.test has 40 A/AAAA addresses; smtpscope scanned the first 10"),
                found.get(1).explanation());
    }

    @Test
    void anMxNamingAnAddressIsAWarning() {
        Finding f = findings(endpoint("192.0.2.25", 25).healthy().mx(MxOrigin.exchange("a.test", 10, "192.0.2.25")).build()).get(0);
        assertEquals("MX_TARGET_IS_ADDRESS", f.id());
        assertEquals(Severity.WARN, f.severity());
        assertTrue(f.explanation().contains("The MX record of a.test (preference 10) names 192.0.2.25"), f.explanation());
    }
}
