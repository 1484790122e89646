package io.smtpscope.vuln;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.result.VulnerabilityResult;
import io.smtpscope.result.VulnerabilityStatus;
import io.smtpscope.target.Mode;
import io.smtpscope.tls.enumeration.EnumerationDepth;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each TLS check against the scripted server with its flaw (vulnerable) and without it (not vulnerable): the same
 * server, one switch apart, so the check's verdict can only come from the flaw. Each scan ends inside its
 * endpoint deadline.
 */
class FlawedServerChecksTest {
    private static VulnScan scan(FlawedTlsServer server, EnumerationDepth depth, String id) throws Exception {
        VulnScan scan = VulnScan.run(VulnScan.endpoint("127.0.0.1", server.port(), Mode.STARTTLS), depth,
                VulnScan.SETTINGS, id);
        assertFalse(scan.deadline().passed(), id + " ended inside the endpoint deadline");
        return scan;
    }

    private static VulnerabilityResult check(FlawedTlsServer.Flaws flaws, EnumerationDepth depth, String id,
                                             VulnerabilityStatus expected) throws Exception {
        try (FlawedTlsServer server = new FlawedTlsServer(flaws)) {
            VulnerabilityResult r = scan(server, depth, id).result(id);
            assertEquals(expected, r.status(), r.toString());
            assertTrue(r.connections() == 0 || !r.evidence().isEmpty(), "a check that connected records evidence: " + r);
            return r;
        }
    }

    @Test
    void fallbackScsv() throws Exception {
        VulnerabilityResult ignored = check(FlawedTlsServer.Flaws.NONE.ignoringScsv(), EnumerationDepth.PROTOCOLS,
                FallbackScsvCheck.ID, VulnerabilityStatus.VULNERABLE);
        assertEquals("ServerHello TLSv1.1", ignored.evidence().get("received"));
        VulnerabilityResult honoured = check(FlawedTlsServer.Flaws.NONE, EnumerationDepth.PROTOCOLS,
                FallbackScsvCheck.ID, VulnerabilityStatus.NOT_VULNERABLE);
        assertEquals("alert inappropriate_fallback", honoured.evidence().get("received"));
    }

    @Test
    void secureRenegotiation() throws Exception {
        VulnerabilityResult missing = check(FlawedTlsServer.Flaws.NONE.withoutRenegotiationInfo(), EnumerationDepth.PROTOCOLS,
                SecureRenegotiationCheck.ID, VulnerabilityStatus.VULNERABLE);
        assertEquals("missing from the ServerHello", missing.evidence().get("renegotiation_info"));
        check(FlawedTlsServer.Flaws.NONE, EnumerationDepth.PROTOCOLS, SecureRenegotiationCheck.ID,
                VulnerabilityStatus.NOT_VULNERABLE);
    }

    @Test
    void heartbleedKeepsOnlyALengthAndAHashOfTheLeak() throws Exception {
        try (FlawedTlsServer server = new FlawedTlsServer(FlawedTlsServer.Flaws.NONE.heartbeats(true))) {
            VulnerabilityResult r = scan(server, EnumerationDepth.PROTOCOLS, HeartbleedCheck.ID).result(HeartbleedCheck.ID);
            assertEquals(VulnerabilityStatus.VULNERABLE, r.status(), r.toString());
            assertEquals(1, server.heartbeatsAnswered.get());
            String shown = r.toString();
            assertFalse(shown.contains("SECRET") || shown.contains("hunter2"), "no leaked byte is kept: " + shown);
            byte[] leaked = new byte[3 + HeartbleedCheck.CLAIMED_LENGTH + 16];
            leaked[0] = 2;
            leaked[1] = 0x40;
            System.arraycopy(FlawedTlsServer.MEMORY, 0, leaked, 3, Math.min(HeartbleedCheck.CLAIMED_LENGTH, FlawedTlsServer.MEMORY.length));
            assertEquals(leaked.length + " bytes, sha256 " + HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(leaked)), r.evidence().get("heartbeat_response"));
        }
        // heartbeats negotiated, the short one discarded as RFC 6520 says
        VulnerabilityResult patched = check(FlawedTlsServer.Flaws.NONE.heartbeats(false), EnumerationDepth.PROTOCOLS,
                HeartbleedCheck.ID, VulnerabilityStatus.NOT_VULNERABLE);
        assertEquals("in the ServerHello", patched.evidence().get("heartbeat_extension"));
        assertTrue(patched.evidence().get("received").startsWith("nothing within"), patched.toString());
    }

    @Test
    void ccsInjection() throws Exception {
        VulnerabilityResult accepted = check(FlawedTlsServer.Flaws.NONE.acceptingEarlyCcs(), EnumerationDepth.PROTOCOLS,
                CcsInjectionCheck.ID, VulnerabilityStatus.VULNERABLE);
        assertEquals("alert fatal decryption_failed after the second ChangeCipherSpec", accepted.evidence().get("received"));
        VulnerabilityResult refused = check(FlawedTlsServer.Flaws.NONE, EnumerationDepth.PROTOCOLS, CcsInjectionCheck.ID,
                VulnerabilityStatus.NOT_VULNERABLE);
        assertEquals("alert fatal unexpected_message after the first ChangeCipherSpec", refused.evidence().get("received"));
    }

    @Test
    void robot() throws Exception {
        VulnerabilityResult oracle = check(FlawedTlsServer.Flaws.NONE.withPaddingOracle(), EnumerationDepth.FULL,
                RobotCheck.ID, VulnerabilityStatus.VULNERABLE);
        assertEquals(10, oracle.connections(), "two rounds of five");
        assertTrue(oracle.evidence().get("correct").startsWith("alert fatal bad_record_mac"), oracle.toString());
        assertTrue(oracle.evidence().get("wrong_first_bytes").startsWith("alert fatal handshake_failure"), oracle.toString());
        VulnerabilityResult sound = check(FlawedTlsServer.Flaws.NONE, EnumerationDepth.FULL, RobotCheck.ID,
                VulnerabilityStatus.NOT_VULNERABLE);
        assertEquals(5, sound.connections());
    }

    @Test
    void robotIsNotTestedWithoutSuiteEnumeration() throws Exception {
        VulnerabilityResult r = check(FlawedTlsServer.Flaws.NONE.withPaddingOracle(), EnumerationDepth.PROTOCOLS,
                RobotCheck.ID, VulnerabilityStatus.NOT_TESTED);
        assertTrue(r.reason().contains("cipher suites were not enumerated"), r.reason());
        assertEquals(0, r.connections());
    }

    /** The JDK's own TLS server accepts renegotiation a client starts (jdk.tls.rejectClientInitiatedRenegotiation=false). */
    @Test
    void clientRenegotiationAcceptedByTheJdkServer() throws Exception {
        DemoPki.KeyMaterial keys = DemoPki.selfSignedCertificate("mail.smtpscope.test").issue();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.smtpscope.test",
                DemoPki.serverContext(keys), false).withLegacyTls())) {
            VulnScan scan = VulnScan.run(VulnScan.endpoint("127.0.0.1", server.port(), Mode.STARTTLS),
                    EnumerationDepth.PROTOCOLS, VulnScan.SETTINGS, ClientRenegotiationCheck.ID);
            VulnerabilityResult r = scan.result(ClientRenegotiationCheck.ID);
            assertEquals(VulnerabilityStatus.VULNERABLE, r.status(), r.toString());
            assertTrue(r.evidence().get("records_received").contains("handshake"), r.toString());
            assertFalse(scan.deadline().passed());
        }
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
