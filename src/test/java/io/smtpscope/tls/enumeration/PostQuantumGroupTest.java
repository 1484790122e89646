package io.smtpscope.tls.enumeration;

import io.smtpscope.it.RealServices;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * X25519MLKEM768 (0x11EC) against real servers: the set-up's server on the OpenSSL of the cryptography wheel
 * (src/test/setup/70-pq.sh checked with a handshake of its own that the group is negotiated) must show it among
 * the TLS 1.3 groups; the test Postfix on Debian's OpenSSL 3.0 must not.
 */
class PostQuantumGroupTest {
    private static final ProbeSettings SETTINGS = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60));

    private static TlsResult enumerate(String host, int port) throws Exception {
        Endpoint endpoint = new Endpoint(new Target(host + ":" + port, host, port, Mode.STARTTLS),
                InetAddress.getByName(host), "mail.smtpscope.test");
        return new TlsEnumerator(SETTINGS, EnumerationDepth.FULL).enumerate(endpoint, null);
    }

    @Test
    void enumerationReportsTheHybridGroupOnTheServerThatHasIt() throws Exception {
        Properties pq = RealServices.pqServer();
        assertEquals("X25519MLKEM768", pq.getProperty("group"));
        TlsResult tls = enumerate(pq.getProperty("host").strip(), Integer.parseInt(pq.getProperty("port").strip()));
        assertEquals(Boolean.TRUE, tls.protocols().get("TLSv1.3"), tls.protocols().toString());
        assertNotNull(tls.groups(), "TLS 1.3 groups enumerated");
        assertTrue(tls.groups().contains("X25519MLKEM768"), "groups: " + tls.groups());
        assertEquals(NamedGroup.name(0x11EC), "X25519MLKEM768");
    }

    @Test
    void enumerationReportsItsAbsenceOnPostfix() throws Exception {
        Properties postfix = RealServices.postfixProperties("postfix.properties");
        TlsResult tls = enumerate(postfix.getProperty("host").strip(), Integer.parseInt(postfix.getProperty("smtp_port").strip()));
        assertNotNull(tls.groups(), "TLS 1.3 groups enumerated");
        assertFalse(tls.groups().isEmpty(), "some group accepted: " + tls.groups());
        assertFalse(tls.groups().contains("X25519MLKEM768"), "Debian's OpenSSL 3.0 has no ML-KEM: " + tls.groups());
    }
}
