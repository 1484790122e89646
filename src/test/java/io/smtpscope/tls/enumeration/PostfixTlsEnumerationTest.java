package io.smtpscope.tls.enumeration;

import io.smtpscope.it.RealServices;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.TlsResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enumerates the two real Postfix TLS variants (modern: TLS 1.2+1.3 AEAD only; legacy: TLS 1.0-1.2 with CBC
 * and RSA key exchange) and checks the protocol and suite sets against sslscan run in the same test.
 */
class PostfixTlsEnumerationTest {
    private static final ProbeSettings SETTINGS = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30));
    private TlsVariants variants;

    @BeforeEach
    void requireVariantsAndSslscan() {
        variants = TlsVariants.require();
        // The set-up script installs sslscan with the variants: without it the cross-check cannot run.
        RealServices.requirePostfix(SslscanReference.installed(), "sslscan is not installed (src/test/setup/20-postfix-tls-variants.sh installs it)");
    }

    private TlsResult enumerate(int port) throws Exception {
        return new TlsEnumerator(SETTINGS, EnumerationDepth.FULL).enumerate(variants.endpoint(port), null);
    }

    private static void assertSameAsSslscan(TlsResult ours, SslscanReference reference) {
        for (var entry : reference.protocols().entrySet()) {
            assertEquals(entry.getValue(), ours.protocols().get(entry.getKey()), "protocol " + entry.getKey()
                    + ": ours " + ours.protocols() + " vs sslscan " + reference.protocols());
        }
        for (String version : List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
            Set<String> expected = reference.suites().getOrDefault(version, Set.of());
            List<String> found = ours.cipherSuites().getOrDefault(version, List.of());
            assertEquals(expected, new LinkedHashSet<>(found), "suites for " + version);
            assertEquals(found.size(), new LinkedHashSet<>(found).size(), "no suite reported twice for " + version);
        }
    }

    @Test
    void modernVariantMatchesSslscan() throws Exception {
        TlsResult ours = enumerate(variants.modernPort());
        SslscanReference reference = SslscanReference.scanStartTls(variants.host(), variants.modernPort());
        assertSameAsSslscan(ours, reference);
        // The variant is configured as TLS 1.2 + 1.3, AEAD + forward secrecy only: the reference must agree.
        assertEquals(Map.of("TLSv1.2", true, "TLSv1.3", true), Map.of("TLSv1.2", reference.protocols().get("TLSv1.2"),
                "TLSv1.3", reference.protocols().get("TLSv1.3")));
        assertFalse(ours.protocols().get("TLSv1"));
        assertFalse(ours.protocols().get("SSLv3"));
        assertFalse(ours.protocols().get("SSLv2"));
        for (List<String> suites : ours.cipherSuites().values()) {
            for (String name : suites) {
                CipherSuite suite = CipherSuiteRegistry.bundled().byName(name).orElseThrow();
                assertTrue(suite.aead() && suite.forwardSecret(), name + " is not AEAD+FS");
            }
        }
        assertEquals(reference.groups().get("TLSv1.3"), new LinkedHashSet<>(ours.groups()), "TLS 1.3 groups");
        assertEquals(reference.groups().get("TLSv1.2"), new LinkedHashSet<>(ours.curves()), "TLS 1.2 curves");
        // Postfix's default tls_preempt_cipherlist = no: the client's order wins.
        assertEquals(false, ours.serverPreference().get("TLSv1.2"));
        assertNotNull(ours.dhBits(), "DHE suites are accepted, so a DHE group size was seen");
        assertEquals(reference.minDheBits(), ours.dhBits(), "smallest DHE group");
        assertTrue(ours.connectionsUsed() > 0);
        assertCertificateIsTheConfiguredOne(ours);
    }

    /** The leaf seen in the hellos is the one the setup script installed (its file, fingerprinted here). */
    private static void assertCertificateIsTheConfiguredOne(TlsResult ours) throws Exception {
        java.security.cert.X509Certificate configured;
        try (var in = java.nio.file.Files.newInputStream(RealServices.postfix().path("cert_file"))) {
            configured = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
        String sha256 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(configured.getEncoded()));
        assertNotNull(ours.certificatesSeen(), "certificates seen");
        assertEquals(1, ours.certificatesSeen().size(), "one RSA certificate: " + ours.certificatesSeen());
        assertEquals("RSA", ours.certificatesSeen().get(0).keyType());
        assertEquals(((java.security.interfaces.RSAPublicKey) configured.getPublicKey()).getModulus().bitLength(),
                ours.certificatesSeen().get(0).keyBits());
        assertEquals(sha256, ours.certificatesSeen().get(0).sha256());
    }

    @Test
    void legacyVariantMatchesSslscan() throws Exception {
        TlsResult ours = enumerate(variants.legacyPort());
        SslscanReference reference = SslscanReference.scanStartTls(variants.host(), variants.legacyPort());
        assertSameAsSslscan(ours, reference);
        assertTrue(ours.protocols().get("TLSv1"));
        assertFalse(ours.protocols().get("TLSv1.3"));
        assertTrue(ours.cipherSuites().get("TLSv1.2").contains("TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertTrue(ours.extensions().secureRenegotiation());
        assertEquals(reference.groups().get("TLSv1.2"), new LinkedHashSet<>(ours.curves()), "TLS 1.2 curves");
        // tls_preempt_cipherlist = yes: the server's order is the configured list, as OpenSSL expands it.
        assertEquals(true, ours.serverPreference().get("TLSv1.2"));
        List<String> configured = OpensslCiphers.expand(variants.legacyCiphers());
        List<String> accepted = ours.cipherSuites().get("TLSv1.2");
        assertEquals(configured.stream().filter(accepted::contains).toList(), accepted, "server order");
    }
}
