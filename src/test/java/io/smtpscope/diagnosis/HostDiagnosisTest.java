package io.smtpscope.diagnosis;

import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host none of whose mail ports answers is one failing conclusion; any port that greets clears it. */
class HostDiagnosisTest {
    private final HostDiagnosis hosts = new HostDiagnosis();

    private static EndpointResult refused(String host, int port) {
        return endpoint(host, port).address("192.0.2.7").reachability(Reachability.REFUSED)
                .error("connect", ErrorKind.CONNECTION_REFUSED, "refused").build();
    }

    private static EndpointResult timedOut(String host, int port) {
        return endpoint(host, port).address("192.0.2.7").reachability(Reachability.TIMEOUT)
                .error("connect", ErrorKind.CONNECTION_TIMEOUT, "no answer").build();
    }

    @Test
    void aHostWhoseEveryPortFailsIsAFailureNamingPortsAndOutcomes() {
        List<Diagnosis> found = hosts.diagnose(List.of(refused("mx.dead.test", 25), refused("mx.dead.test", 465),
                timedOut("mx.dead.test", 587)), List.of());
        assertEquals(1, found.size(), found::toString);
        Diagnosis d = found.get(0);
        assertEquals("NO_MAIL_PORT_REACHABLE", d.id());
        assertEquals(Severity.FAIL, d.severity());
        assertTrue(d.title().contains("mx.dead.test"), d.title());
        assertEquals(List.of("port 25 (192.0.2.7): refused", "port 465 (192.0.2.7): refused", "port 587 (192.0.2.7): timeout"),
                d.evidence());
        assertTrue(d.advice().contains("3 scanned port(s)") && d.advice().contains("port 587 (192.0.2.7): timeout"), d.advice());
    }

    @Test
    void onePortThatGreetsMeansTheHostIsUp() {
        EndpointResult submission = endpoint("mx.half.test", 587).address("192.0.2.8").healthy().build();
        assertEquals(List.of(), hosts.diagnose(List.of(refused("mx.half.test", 25), submission), List.of()));
    }

    @Test
    void eachDeadHostIsNamedOnceAndLiveHostsNotAtAll() {
        EndpointResult live = endpoint("mx.live.test", 25).address("192.0.2.9").healthy().build();
        List<Diagnosis> found = hosts.diagnose(List.of(refused("mx.a.test", 25), live, refused("mx.a.test", 587),
                timedOut("mx.b.test", 25)), List.of());
        assertEquals(List.of("No mail port of mx.a.test is reachable", "No mail port of mx.b.test is reachable"),
                found.stream().map(Diagnosis::title).toList());
    }

    @Test
    void unresolvedHostsAreLeftToTheirDnsFinding() {
        EndpointResult unresolved = endpoint("mx.nxdomain.test", 25).reachability(Reachability.DNS_ERROR)
                .error("resolve", ErrorKind.DNS_ERROR, "NXDOMAIN").build();
        assertEquals(List.of(), hosts.diagnose(List.of(unresolved), List.of()));
    }

    @Test
    void aNetworkWideConclusionSpeaksForTheHostsItExplains() {
        List<EndpointResult> silent = List.of(timedOut("mx.a.test", 25), timedOut("mx.b.test", 25));
        Diagnosis network = new Diagnosis("NO_CONNECTIVITY", Severity.FAIL, "No outbound connectivity", "", List.of());
        assertEquals(List.of(), hosts.diagnose(silent, List.of(network)));
        assertEquals(2, hosts.diagnose(silent, List.of()).size());
    }
}
