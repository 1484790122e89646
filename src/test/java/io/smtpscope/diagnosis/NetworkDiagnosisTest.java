package io.smtpscope.diagnosis;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.Synthetic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static io.smtpscope.result.Synthetic.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reasoning over synthetic observation sets: each conclusion, and the near misses that must not conclude. */
class NetworkDiagnosisTest {
    private final NetworkDiagnosis diagnosis = new NetworkDiagnosis();

    private List<String> ids(EndpointResult... endpoints) {
        return diagnosis.diagnose(List.of(endpoints)).stream().map(Diagnosis::id).toList();
    }

    private Diagnosis only(String id, EndpointResult... endpoints) {
        List<Diagnosis> found = diagnosis.diagnose(List.of(endpoints));
        assertEquals(List.of(id), found.stream().map(Diagnosis::id).toList());
        return found.get(0);
    }

    private static EndpointResult timedOut(String host, int port, String address) {
        return endpoint(host, port).address(address).reachability(Reachability.TIMEOUT)
                .error("connect", ErrorKind.CONNECTION_TIMEOUT, "no answer").build();
    }

    private static EndpointResult refused(String host, int port, String address) {
        return endpoint(host, port).address(address).reachability(Reachability.REFUSED)
                .error("connect", ErrorKind.CONNECTION_REFUSED, "refused").build();
    }

    private static EndpointResult working(String host, int port, String address) {
        return endpoint(host, port).address(address).healthy().build();
    }

    private static EndpointResult stripped(String host, String address) {
        return endpoint(host, 25).address(address).banner(220, host + " ESMTP").ehlo(Synthetic.ehlo("PIPELINING", "XXXXXXXA"))
                .starttls(new StartTlsResult(false, true, true, 500, "unrecognized", false, null, "XXXXXXXA")).build();
    }

    private static EndpointResult intercepted(String host, String address, String issuer) {
        return endpoint(host, 25).address(address).healthy()
                .certificate(Synthetic.untrusted(host, "no path to a trusted root", false, leaf(host, issuer))).build();
    }

    @Test
    void nothingToSayAboutAHealthyRun() {
        assertEquals(List.of(), ids(working("mx.a.test", 25, "192.0.2.1"), working("mx.b.test", 25, "192.0.2.2")));
        assertEquals(List.of(), diagnosis.diagnose(List.of()).stream().map(Diagnosis::id).toList());
    }

    @Test
    void port25BlockedWhileSubmissionWorks() {
        Diagnosis d = only("OUTBOUND_PORT_25_BLOCKED",
                timedOut("mx.a.test", 25, "192.0.2.1"), working("mx.a.test", 587, "192.0.2.1"), working("mx.a.test", 465, "192.0.2.1"),
                timedOut("mx.b.test", 25, "192.0.2.2"), working("mx.b.test", 587, "192.0.2.2"));
        assertTrue(d.evidence().containsAll(List.of("mx.a.test:25 (192.0.2.1): timeout", "mx.b.test:25 (192.0.2.2): timeout",
                "mx.a.test:587 (192.0.2.1): answered")), d.evidence().toString());
        assertTrue(d.advice().contains("3 timeout") || d.advice().contains("2 timeout"), d.advice());
        assertTrue(d.advice().contains("relay on 587 or 465"));
        // Refused counts too when several servers refuse (some networks answer with a reset), as does a proxy
        // that accepts and never greets.
        assertEquals(List.of("OUTBOUND_PORT_25_BLOCKED"), ids(refused("mx.a.test", 25, "192.0.2.1"),
                working("mx.a.test", 587, "192.0.2.1"), refused("mx.b.example", 25, "192.0.2.2")));
        EndpointResult silent = endpoint("mx.a.test", 25).address("192.0.2.1")
                .error("banner", ErrorKind.BANNER_TIMEOUT, "no greeting").build();
        assertEquals(List.of("OUTBOUND_PORT_25_BLOCKED"), ids(silent, working("mx.a.test", 587, "192.0.2.1")));
    }

    @Test
    void oneServerRefusingPort25IsThatServersChoice() {
        assertEquals(List.of(), ids(refused("smtp.a.test", 25, "192.0.2.1"), working("smtp.a.test", 587, "192.0.2.1")));
    }

    @Test
    void port25NotBlockedWhenOneServerAnswersOnIt() {
        assertEquals(List.of(), ids(timedOut("mx.a.test", 25, "192.0.2.1"), working("mx.a.test", 587, "192.0.2.1"),
                working("mx.b.test", 25, "192.0.2.2")));
    }

    @Test
    void port25FailureWithoutAWitnessOnTheSameHostProvesNothing() {
        assertEquals(List.of(), ids(timedOut("mx.a.test", 25, "192.0.2.1"), working("smtp.other.test", 587, "192.0.2.9")));
        assertEquals(List.of(), ids(timedOut("mx.a.test", 25, "192.0.2.1")));
    }

    @Test
    void strippedEverywhereIsAMiddlebox() {
        Diagnosis d = only("SMTP_MIDDLEBOX", stripped("mx.a.test", "192.0.2.1"), stripped("mx.b.test", "192.0.2.2"));
        assertEquals(2, d.evidence().size());
        assertTrue(d.advice().contains("mx.a.test, mx.b.test"), d.advice());
    }

    @Test
    void strippedOnOneHostOnlyIsThatHostsProblem() {
        assertEquals(List.of(), ids(stripped("mx.a.test", "192.0.2.1")));
        assertEquals(List.of(), ids(stripped("mx1.a.test", "192.0.2.1"), stripped("mx2.a.test", "192.0.2.2")),
                "one organisation's own firewall");
        assertEquals(List.of(), ids(stripped("mx.a.test", "192.0.2.1"), working("mx.b.test", 25, "192.0.2.2")));
    }

    @Test
    void sameUntrustedIssuerOnUnrelatedHostsIsInterception() {
        Diagnosis d = only("TLS_INTERCEPTION", intercepted("mx.a.test", "192.0.2.1", "Fortinet CA"),
                intercepted("mail.b.example", "192.0.2.2", "Fortinet CA"));
        assertTrue(d.advice().contains("CN=Fortinet CA"), d.advice());
    }

    @Test
    void internalHostsSharingAnUntrustedCaAreAPossibilityNotAVerdict() {
        Diagnosis byAddress = only("TLS_INTERCEPTION_POSSIBLE", intercepted("mail.corp-a.example", "10.0.0.5", "Corp Root CA"),
                intercepted("smtp.corp-b.example", "192.168.1.9", "Corp Root CA"));
        assertEquals(Severity.WARN, byAddress.severity());
        assertTrue(byAddress.advice().contains("private address 10.0.0.5"), byAddress.advice());
        assertTrue(byAddress.advice().contains("--ca-file"), byAddress.advice());
        assertTrue(byAddress.advice().contains("another network"), byAddress.advice());
        Diagnosis byName = only("TLS_INTERCEPTION_POSSIBLE", intercepted("mail.internal", "192.0.2.1", "Corp Root CA"),
                intercepted("relay.office.lan", "192.0.2.2", "Corp Root CA"));
        assertTrue(byName.advice().contains("relay.office.lan: internal name (.lan)"), byName.advice());
        only("TLS_INTERCEPTION_POSSIBLE", intercepted("10.1.2.3", "10.1.2.3", "Corp Root CA"),
                intercepted("fd00::25", "fd00::25", "Corp Root CA"));
    }

    @Test
    void onePublicServerBesideAnInternalOneIsNotStrongEvidence() {
        only("TLS_INTERCEPTION_POSSIBLE", intercepted("mx.a.test", "192.0.2.1", "Corp Root CA"),
                intercepted("mail.b.internal", "10.0.0.7", "Corp Root CA"));
        Diagnosis strong = only("TLS_INTERCEPTION", intercepted("mx.a.test", "192.0.2.1", "Fortinet CA"),
                intercepted("mail.b.internal", "10.0.0.7", "Fortinet CA"), intercepted("mx.c.example", "198.51.100.3", "Fortinet CA"));
        assertEquals(Severity.FAIL, strong.severity());
    }

    @Test
    void interceptionNeedsUnrelatedDomainsAndOneIssuer() {
        assertEquals(List.of(), ids(intercepted("mx1.a.test", "192.0.2.1", "Corp CA"),
                intercepted("mx2.a.test", "192.0.2.2", "Corp CA")), "one organisation's private CA");
        assertEquals(List.of(), ids(intercepted("mx.a.test", "192.0.2.1", "CA one"),
                intercepted("mx.b.test", "192.0.2.2", "CA two")), "different issuers");
        EndpointResult selfSigned = endpoint("mx.b.test", 25).healthy().certificate(new CertificateResult(
                List.of(leaf("mx.b.test", "Corp CA")), false, "self-signed", "mx.b.test", true, false, false, 60, true)).build();
        assertEquals(List.of(), ids(intercepted("mx.a.test", "192.0.2.1", "Corp CA"), selfSigned));
    }

    @Test
    void allNamesFailingToResolveIsTheResolver() {
        EndpointResult a = endpoint("mx.a.test", 25).reachability(Reachability.DNS_ERROR)
                .error("dns", ErrorKind.DNS_ERROR, "cannot resolve mx.a.test: SERVFAIL").build();
        EndpointResult a587 = endpoint("mx.a.test", 587).reachability(Reachability.DNS_ERROR)
                .error("dns", ErrorKind.DNS_ERROR, "cannot resolve mx.a.test: SERVFAIL").build();
        EndpointResult b = endpoint("mx.b.test", 25).reachability(Reachability.DNS_ERROR)
                .error("dns", ErrorKind.DNS_ERROR, "cannot resolve mx.b.test: SERVFAIL").build();
        Diagnosis d = only("RESOLVER_FAILURE", a, a587, b);
        assertEquals(List.of("mx.a.test: cannot resolve mx.a.test: SERVFAIL", "mx.b.test: cannot resolve mx.b.test: SERVFAIL"),
                d.evidence());
        assertEquals(List.of(), ids(a, a587), "one name that does not resolve is probably a typo");
        assertEquals(List.of(), ids(a, b, working("mx.c.test", 25, "192.0.2.3")));
    }

    @Test
    void everyConnectionTimingOutIsNoConnectivity() {
        Diagnosis d = only("NO_CONNECTIVITY", timedOut("mx.a.test", 25, "192.0.2.1"), timedOut("mx.a.test", 587, "192.0.2.1"),
                timedOut("mx.b.test", 25, "192.0.2.2"));
        assertEquals(3, d.evidence().size());
        assertTrue(d.advice().contains("3 endpoints on 2 different addresses"), d.advice());
        assertEquals(List.of(), ids(timedOut("mx.a.test", 25, "192.0.2.1"), timedOut("mx.a.test", 587, "192.0.2.1")),
                "one host down is that host's problem");
    }

    @Test
    void acceptedButNeverGreetedEverywhereIsASilentProxy() {
        EndpointResult a = endpoint("mx.a.test", 587).address("192.0.2.1").error("banner", ErrorKind.BANNER_TIMEOUT, "none").build();
        EndpointResult b = endpoint("mx.b.test", 587).address("192.0.2.2").error("banner", ErrorKind.BANNER_TIMEOUT, "none").build();
        assertEquals(List.of("SMTP_SILENT_PROXY"), ids(a, b));
        assertEquals(List.of(), ids(a, working("mx.b.test", 587, "192.0.2.2")));
    }

    @Test
    void domainApproximation() {
        assertEquals("a.test", NetworkDiagnosis.domainOf("mx1.A.test"));
        assertEquals("a.test", NetworkDiagnosis.domainOf("a.test"));
        assertEquals("192.0.2.1", NetworkDiagnosis.domainOf("192.0.2.1"));
    }
}
