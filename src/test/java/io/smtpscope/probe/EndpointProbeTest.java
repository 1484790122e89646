package io.smtpscope.probe;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe: one dial, a polite QUIT, the certificate judged against the endpoint's name, the total time. */
class EndpointProbeTest {
    private static final DemoPki PKI = new DemoPki("probe test CA");
    private static final SSLContext TLS = DemoPki.serverContext(PKI.issue(List.of("mail.probe.test"), Duration.ofDays(30)));
    private static final ProbeSettings FAST = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(8));
    private static final EndpointProbe PROBE = new EndpointProbe(FAST,
            new ChainValidator(TrustAnchors.of(List.of(PKI.caCertificate()), "probe test CA")), Clock.systemUTC());

    private static Endpoint endpoint(int port, Mode mode, String name) {
        return new Endpoint(new Target(name + ":" + port, name, port, mode), InetAddress.getLoopbackAddress(), name);
    }

    @Test
    void aWellBehavedServerIsObservedEndToEndAndQuitPolitely() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.probe.test", TLS, false))) {
            ProbeObservation seen = PROBE.run(endpoint(server.port(), Mode.STARTTLS, "mail.probe.test"));
            assertNull(seen.error(), () -> String.valueOf(seen.error()));
            assertEquals(Reachability.OPEN, seen.reachability());
            assertTrue(seen.certificate().trusted(), () -> String.valueOf(seen.certificate()));
            assertTrue(seen.certificate().nameMatches());
            assertEquals("QUIT", seen.smtp().replies().getLast().command(), "the replies include the QUIT after the dial");
            assertTrue(seen.transcript().getLast().startsWith("* done in "), seen.transcript()::toString);
            long phases = seen.timings().connect() + seen.timings().banner() + seen.timings().ehlo()
                    + seen.timings().starttls() + seen.timings().handshake();
            assertTrue(seen.timings().total() >= phases, "the total covers every phase: " + seen.timings());
        }
    }

    @Test
    void theCertificateIsJudgedAgainstTheNameTheEndpointMustAnswerFor() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.probe.test", TLS, true))) {
            ProbeObservation seen = PROBE.run(endpoint(server.port(), Mode.IMPLICIT_TLS, "other.probe.test"));
            assertTrue(seen.certificate().trusted());
            assertFalse(seen.certificate().nameMatches(), "a certificate for mail.probe.test does not serve other.probe.test");
        }
    }

    @Test
    void aClosedPortHasNoSmtpFactsAndNoCertificate() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeObservation seen = PROBE.run(endpoint(port, Mode.STARTTLS, "mail.probe.test"));
        assertEquals(Reachability.REFUSED, seen.reachability());
        assertEquals(ErrorKind.CONNECTION_REFUSED, seen.error().kind());
        assertNull(seen.smtp());
        assertNull(seen.certificate());
        assertTrue(seen.transcript().getLast().contains("connection-refused during connect"), seen.transcript()::toString);
    }
}
