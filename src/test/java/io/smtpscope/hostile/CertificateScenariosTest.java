package io.smtpscope.hostile;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile certificates behind a working STARTTLS. The client is the JDK's TLS stack, which parses the
 * certificate message during the handshake; what it refuses ends the handshake (a named handshake-error
 * naming the JDK's reason), what it accepts is recorded and judged. See README.md in this package.
 */
@DisplayName("hostile servers: certificates")
class CertificateScenariosTest {
    private static HostileBatch batch;

    private static LoopbackServer.Behaviour presenting(HostileCertificates.Material material) {
        SSLContext context = HostileCertificates.serverContext(material);
        return socket -> TlsServers.startTlsWith(socket, context);
    }

    @BeforeAll
    static void scanAll() throws Exception {
        batch = new HostileBatch()
                .add("chain-of-50", "starttls", presenting(HostileCertificates.longChain(50)))
                .add("one-megabyte-certificate", "starttls", presenting(HostileCertificates.hugeCertificate(1024 * 1024)))
                .add("duplicated-extension", "starttls", presenting(HostileCertificates.duplicatedExtension()))
                .add("malformed-extension", "starttls", presenting(HostileCertificates.malformedExtension()))
                .add("negative-serial", "starttls", presenting(HostileCertificates.negativeSerial()))
                .add("unknown-key-type", "starttls", presenting(HostileCertificates.unknownKeyType()))
                .run();
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    private static EndpointResult assertRefusedInHandshake(String name, String reason) {
        EndpointResult r = batch.assertError(name, "handshake", ErrorKind.HANDSHAKE_ERROR);
        assertTrue(r.error().message().contains(reason), () -> name + ": " + r.error().message());
        assertTrue(r.timingsMs().handshake() < HostileBatch.TLS.toMillis(), () -> name + " took " + r.timingsMs().handshake());
        assertNull(r.certificate(), "nothing half-parsed is reported as the chain");
        return r;
    }

    @Test
    @DisplayName("a chain of 50 certificates is refused at the chain-length bound")
    void chainOfFifty() {
        assertRefusedInHandshake("chain-of-50", "chain length");
    }

    @Test
    @DisplayName("a 1 MB certificate is refused at the handshake-message bound, never buffered whole")
    void oneMegabyteCertificate() {
        assertRefusedInHandshake("one-megabyte-certificate", "exceeds the maximum allowed size");
    }

    @Test
    @DisplayName("a certificate with a duplicated extension is handshake-error: the JDK client cannot parse it")
    void duplicatedExtension() {
        assertRefusedInHandshake("duplicated-extension", "Failed to parse server certificates");
    }

    @Test
    @DisplayName("a certificate whose subjectAltName is not DER: the JDK accepts it, the report says it is unreadable")
    void malformedExtension() {
        // The JDK parses this extension lazily, so the handshake completes; the facts must not crash on it.
        EndpointResult r = batch.assertContained("malformed-extension");
        assertNull(r.error(), () -> String.valueOf(r.error()));
        assertEquals(java.util.List.of("(unreadable subjectAltName extension)"), r.certificate().chain().getFirst().sans());
        assertTrue(!r.certificate().nameMatches(), "no readable name can match");
    }

    @Test
    @DisplayName("a certificate with a negative serial is accepted and reported with its negative serial")
    void negativeSerial() {
        EndpointResult r = batch.assertContained("negative-serial");
        assertNull(r.error(), () -> String.valueOf(r.error()));
        assertEquals("-" + Long.toHexString(4242), r.certificate().chain().getFirst().serial());
    }

    @Test
    @DisplayName("a certificate with an unknown key type is handshake-error: its signature cannot be verified")
    void unknownKeyType() {
        assertRefusedInHandshake("unknown-key-type", "CertificateVerify");
    }

    /** Why the server side presents these through {@link CraftedCertificate}: the JDK cannot load them itself. */
    @Test
    @DisplayName("server side: which crafted certificates the JDK's own CertificateFactory refuses to load")
    void whatTheJdkRefusesToLoad() throws Exception {
        java.security.cert.CertificateFactory factory = java.security.cert.CertificateFactory.getInstance("X.509");
        java.util.Map<String, String> loaded = new java.util.TreeMap<>();
        java.util.Map<String, HostileCertificates.Material> crafted = java.util.Map.of(
                "duplicated-extension", HostileCertificates.duplicatedExtension(),
                "malformed-extension", HostileCertificates.malformedExtension(),
                "unknown-key-type", HostileCertificates.unknownKeyType());
        for (var entry : crafted.entrySet()) {
            byte[] der = entry.getValue().chain().getFirst().getEncoded();
            try {
                factory.generateCertificate(new java.io.ByteArrayInputStream(der));
                loaded.put(entry.getKey(), "loaded");
            } catch (java.security.cert.CertificateException e) {
                loaded.put(entry.getKey(), "refused");
            }
        }
        assertEquals(java.util.Map.of("duplicated-extension", "refused", "malformed-extension", "loaded",
                "unknown-key-type", "loaded"), loaded);
    }

    @Test
    @DisplayName("the well-behaved server scanned in the same run is unaffected")
    void wellBehavedUnaffected() {
        batch.assertWellBehavedUnaffected();
    }
}
