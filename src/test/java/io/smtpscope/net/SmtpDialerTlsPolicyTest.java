package io.smtpscope.net;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import io.smtpscope.tls.OldTlsServer;
import io.smtpscope.tls.TlsContexts;
import io.smtpscope.tls.TlsPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The dialer's TLS policy seam: the scan observes a TLS 1.0 server, a strict dial never negotiates with it. */
class SmtpDialerTlsPolicyTest {
    private static final DemoPki PKI = new DemoPki("dialer policy test CA");
    private static final ProbeSettings SETTINGS = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(15));

    @BeforeAll
    static void relax() {
        TlsContexts.init(); // the server's side of TLS 1.0 needs the relaxed process policy as well
    }

    private static Endpoint endpoint(int port) {
        return new Endpoint(new Target("old.test:" + port, "old.test", port, Mode.STARTTLS), InetAddress.getLoopbackAddress(),
                "old.test");
    }

    @Test
    void theScanStillObservesATls10OnlyServer() throws Exception {
        try (OldTlsServer server = new OldTlsServer(PKI.certificate("old.test").issue(), "TLSv1");
             Dialed dialed = new SmtpDialer(SETTINGS).dial(endpoint(server.port()), DialGoal.SESSION, new Transcript())) {
            assertNull(dialed.error(), () -> String.valueOf(dialed.error()));
            assertEquals("TLSv1", dialed.tls().protocol());
            assertEquals(List.of("TLSv1"), server.handshakes(1));
        }
    }

    @Test
    void aStrictDialNeverNegotiatesTls10() throws Exception {
        try (OldTlsServer server = new OldTlsServer(PKI.certificate("old.test").issue(), "TLSv1", "TLSv1.1");
             Dialed dialed = new SmtpDialer(SETTINGS, TlsPolicy.STRICT).dial(endpoint(server.port()), DialGoal.SESSION,
                     new Transcript())) {
            assertNotNull(dialed.error());
            assertEquals("handshake", dialed.error().phase());
            assertEquals(ErrorKind.HANDSHAKE_ERROR, dialed.error().kind(), dialed.error().message());
            assertNull(dialed.tls());
            assertEquals(List.of("failed"), server.handshakes(1));
            assertEquals(List.of(), server.insideTls());
        }
    }

    @Test
    void aStrictDialNegotiatesModernTls() throws Exception {
        try (OldTlsServer server = new OldTlsServer(PKI.certificate("new.test").issue(), "TLSv1.2", "TLSv1.3");
             Dialed dialed = new SmtpDialer(SETTINGS, TlsPolicy.STRICT).dial(endpoint(server.port()), DialGoal.SESSION,
                     new Transcript())) {
            assertNull(dialed.error(), () -> String.valueOf(dialed.error()));
            assertEquals("TLSv1.3", dialed.tls().protocol());
        }
    }
}
