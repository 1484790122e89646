package io.smtpscope.diff;

import io.smtpscope.report.Json;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Synthetic;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.smtpscope.result.Synthetic.T0;
import static io.smtpscope.result.Synthetic.closed;
import static io.smtpscope.result.Synthetic.finding;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportDifferTest {
    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private final ReportDiffer differ = new ReportDiffer();

    @Test
    void identicalRunsHaveNoChanges() {
        ScanReport a = report(T0, open("mx.example.com", 25, "aa", EXPIRY, 60, finding("NO_MTA_STS", Severity.INFO)));
        ScanReport b = report(T1, open("mx.example.com", 25, "aa", EXPIRY, 59, finding("NO_MTA_STS", Severity.INFO)));
        ReportDiff diff = differ.compare(a, b);
        assertTrue(diff.isEmpty(), () -> "unexpected: " + diff);
        assertEquals(T0, diff.oldStartedAt());
        assertEquals(T1, diff.newStartedAt());
    }

    @Test
    void findingsThatAppearDisappearOrChangeSeverity() {
        ScanReport a = report(T0, open("mx.example.com", 25, "aa", EXPIRY, 10,
                finding("CERT_EXPIRES_SOON", Severity.WARN), finding("AUTH_PLAIN_BEFORE_TLS", Severity.FAIL)));
        ScanReport b = report(T1, open("mx.example.com", 25, "aa", EXPIRY, 5,
                finding("CERT_EXPIRES_SOON", Severity.FAIL), finding("TLS_1_0_ACCEPTED", Severity.WARN)));
        List<Change> changes = differ.compare(a, b).endpoints().get(0).changes();
        assertEquals(List.of(
                new Change.FindingSeverityChanged("CERT_EXPIRES_SOON", Severity.WARN, Severity.FAIL),
                new Change.FindingAppeared("TLS_1_0_ACCEPTED", Severity.WARN, "tls 1 0 accepted"),
                new Change.FindingDisappeared("AUTH_PLAIN_BEFORE_TLS", Severity.FAIL, "auth plain before tls")), changes);
    }

    @Test
    void certificateReplacedReportsBothFingerprintsAndExpiries() {
        Instant renewed = EXPIRY.plusSeconds(86_400 * 90L);
        ScanReport a = report(T0, open("mx.example.com", 465, "aa11", EXPIRY, 3));
        ScanReport b = report(T1, open("mx.example.com", 465, "bb22", renewed, 93));
        List<Change> changes = differ.compare(a, b).endpoints().get(0).changes();
        assertEquals(List.of(new Change.CertificateReplaced("aa11", EXPIRY, "bb22", renewed)), changes);
    }

    @Test
    void reachabilityChangeAndTlsLoss() {
        ScanReport a = report(T0, open("mx.example.com", 587, "aa", EXPIRY, 60));
        ScanReport b = report(T1, closed("mx.example.com", 587, Reachability.TIMEOUT, finding("PORT_TIMEOUT", Severity.WARN)));
        List<Change> changes = differ.compare(a, b).endpoints().get(0).changes();
        assertEquals(new Change.ReachabilityChanged("open", "timeout"), changes.get(0));
        assertTrue(changes.contains(new Change.FindingAppeared("PORT_TIMEOUT", Severity.WARN, "port timeout")));
        assertTrue(changes.contains(new Change.TlsVersionChanged("TLSv1.3", null)));
        assertFalse(changes.stream().anyMatch(c -> c instanceof Change.CertificateReplaced),
                "a certificate that is no longer seen was not replaced");
    }

    @Test
    void bannerChanged() {
        EndpointResult before = open("mx.example.com", 25, "aa", EXPIRY, 60);
        ScanReport a = report(T0, before);
        ScanReport b = report(T1, Synthetic.withBanner(before, "mx.example.com ESMTP Exim 4.98"));
        assertEquals(List.of(new Change.BannerChanged("mx.example.com ESMTP Postfix", "mx.example.com ESMTP Exim 4.98")),
                differ.compare(a, b).endpoints().get(0).changes());
    }

    @Test
    void protocolAndSuiteSetsComparedOnlyWhenBothRunsEnumerated() {
        EndpointResult base = open("mx.example.com", 25, "aa", EXPIRY, 60);
        EndpointResult enumerated1 = Synthetic.withEnumeration(base,
                Map.of("TLSv1.2", true, "TLSv1.3", true, "TLSv1.1", false),
                Map.of("TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA")));
        java.util.Map<String, Boolean> protocols2 = new java.util.HashMap<>(Map.of("TLSv1.2", true, "TLSv1.3", true));
        protocols2.put("TLSv1.1", true);
        protocols2.put("TLSv1", null); // could not test: neither added nor removed
        EndpointResult enumerated2 = Synthetic.withEnumeration(base, protocols2,
                Map.of("TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), "TLSv1.1", List.of("TLS_RSA_WITH_AES_128_CBC_SHA")));
        List<Change> changes = differ.compare(report(T0, enumerated1), report(T1, enumerated2)).endpoints().get(0).changes();
        assertEquals(List.of(
                new Change.ProtocolSetChanged(List.of("TLSv1.1"), List.of()),
                new Change.CipherSuitesChanged(Map.of("TLSv1.1", List.of("TLS_RSA_WITH_AES_128_CBC_SHA")),
                        Map.of("TLSv1.2", List.of("TLS_RSA_WITH_AES_128_CBC_SHA")))), changes);

        // One side without enumeration (null maps): no protocol or suite change can be claimed.
        assertTrue(differ.compare(report(T0, base), report(T1, enumerated2)).isEmpty());
    }

    @Test
    void endpointsAppearAndDisappear() {
        ScanReport a = report(T0, open("mx.example.com", 25, "aa", EXPIRY, 60), open("mx.example.com", 465, "aa", EXPIRY, 60));
        ScanReport b = report(T1, open("mx.example.com", 25, "aa", EXPIRY, 60), open("mx.example.com", 587, "aa", EXPIRY, 60));
        ReportDiff diff = differ.compare(a, b);
        assertEquals(2, diff.endpoints().size());
        assertEquals(587, diff.endpoints().get(0).port());
        assertInstanceOf(Change.EndpointAppeared.class, diff.endpoints().get(0).changes().get(0));
        assertEquals(465, diff.endpoints().get(1).port());
        assertInstanceOf(Change.EndpointDisappeared.class, diff.endpoints().get(1).changes().get(0));
    }

    @Test
    void anEndpointWhoseAddressMovedIsOneEndpointWithItsChangesNotOneGoneAndOneNew() {
        EndpointResult then = open("mx.example.com", 25, "aa11", EXPIRY, 60);
        EndpointResult now = at(open("mx.example.com", 25, "bb22", EXPIRY.plusSeconds(86_400), 61), "198.51.100.7");
        ReportDiff diff = differ.compare(report(T0, then, open("other.example.com", 25, "cc", EXPIRY, 60)),
                report(T1, now, at(open("new.example.com", 25, "dd", EXPIRY, 60), "198.51.100.8")));
        assertEquals(3, diff.endpoints().size(), diff::toString);
        ReportDiff.EndpointDiff movedOne = diff.endpoints().get(0);
        assertEquals("198.51.100.7", movedOne.address());
        assertEquals(List.of(new Change.AddressChanged("192.0.2.10", "198.51.100.7"),
                new Change.CertificateReplaced("aa11", EXPIRY, "bb22", EXPIRY.plusSeconds(86_400))), movedOne.changes());
        assertEquals("new.example.com", diff.endpoints().get(1).host(), "another host is not a move");
        assertInstanceOf(Change.EndpointAppeared.class, diff.endpoints().get(1).changes().get(0));
        assertInstanceOf(Change.EndpointDisappeared.class, diff.endpoints().get(2).changes().get(0));
        assertTrue(DiffText.line(movedOne.changes().get(0)).startsWith("address: 192.0.2.10 -> 198.51.100.7"));
    }

    @Test
    void aHostWithTwoAddressesThatLosesOneStillShowsTheOneGone() {
        EndpointResult first = open("mx.example.com", 25, "aa", EXPIRY, 60);
        EndpointResult second = at(open("mx.example.com", 25, "aa", EXPIRY, 60), "192.0.2.11");
        ReportDiff diff = differ.compare(report(T0, first, second), report(T1, first));
        assertEquals(1, diff.endpoints().size());
        assertEquals("192.0.2.11", diff.endpoints().get(0).address());
        assertInstanceOf(Change.EndpointDisappeared.class, diff.endpoints().get(0).changes().get(0));
    }

    @Test
    void theHeaderGivesHumanTimesInUtcAndSaysWhenEndpointsWereComparedWithRunsOfTheirOwn() {
        ReportDiff diff = differ.compare(report(Instant.parse("2026-03-01T09:30:05.123456789Z")),
                report(Instant.parse("2026-03-02T10:00:00.5Z")));
        assertEquals("changes from the run of 2026-03-01 09:30:05 UTC to the run of 2026-03-02 10:00:00 UTC:", DiffText.header(diff));
        assertTrue(DiffText.header(diff.withOldRuns(3)).startsWith("changes since each endpoint's previous run (3 earlier runs,"),
                DiffText.header(diff.withOldRuns(3)));
    }

    private static EndpointResult at(EndpointResult e, String address) {
        return new EndpointResult(e.target(), e.host(), address, e.port(), e.mode(), e.reachability(), e.smtp(), e.tls(),
                e.certificate(), e.timingsMs(), e.error(), e.transcript(), e.findings(), e.reproduce(), e.reverseDns(), e.mx());
    }

    @Test
    void jsonNamesEachChangeByKindAndRoundTrips() throws Exception {
        ScanReport a = report(T0, open("mx.example.com", 465, "aa11", EXPIRY, 3));
        ScanReport b = report(T1, open("mx.example.com", 465, "bb22", EXPIRY.plusSeconds(10), 93));
        ReportDiff diff = differ.compare(a, b);
        String json = Json.mapper().writeValueAsString(diff);
        var tree = Json.mapper().readTree(json);
        var change = tree.get("endpoints").get(0).get("changes").get(0);
        assertEquals("certificate-replaced", change.get("kind").asText());
        assertEquals("aa11", change.get("old_sha256").asText());
        assertEquals("bb22", change.get("new_sha256").asText());
        assertEquals(diff, Json.mapper().readValue(json, ReportDiff.class));
    }

    @Test
    void textEscapesServerControlled() {
        EndpointResult before = open("mx.example.com", 25, "aa", EXPIRY, 60);
        ReportDiff diff = differ.compare(report(T0, before),
                report(T1, Synthetic.withBanner(before, "evil\u001b[2Jbanner")));
        StringWriter out = new StringWriter();
        new DiffText().write(diff, new PrintWriter(out));
        assertTrue(out.toString().contains("mx.example.com:25 (192.0.2.10, starttls)"), out::toString);
        assertFalse(out.toString().contains("\u001b"), "escape sequences from the server must not reach the terminal");
    }
}
