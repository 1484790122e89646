package io.smtpscope.tls.enumeration;

import io.smtpscope.demo.DemoPki;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chains kept for DANE: one per key type, at most ten certificates, cut at the first that does not parse. */
class CertificatesSeenTest {
    private static final DemoPki PKI = new DemoPki("certificates seen CA");
    private static final X509Certificate RSA = PKI.certificate("mx.a.test").key("RSA", 2048).validFor(Duration.ofDays(9)).issue().leaf();
    private static final X509Certificate EC = PKI.certificate("mx.a.test").key("EC", 256).validFor(Duration.ofDays(9)).issue().leaf();

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneChainPerKeyTypeTheFirstSeen() {
        CertificatesSeen seen = new CertificatesSeen();
        seen.add(List.of(der(RSA), der(PKI.caCertificate())));
        seen.add(List.of(der(EC), der(PKI.caCertificate())));
        seen.add(List.of(der(PKI.certificate("mx.a.test").key("RSA", 2048).validFor(Duration.ofDays(9)).issue().leaf())));
        assertEquals(List.of(List.of(RSA, PKI.caCertificate()), List.of(EC, PKI.caCertificate())), seen.chains());
        assertEquals(2, seen.list().size());
        assertEquals(64, seen.list().get(0).spkiSha256().length());
    }

    @Test
    void aLongChainIsCutAtTenAndAnUnparsableCertificateEndsIt() {
        List<byte[]> longChain = new ArrayList<>();
        longChain.add(der(RSA));
        for (int i = 0; i < 20; i++) {
            longChain.add(der(PKI.caCertificate()));
        }
        CertificatesSeen seen = new CertificatesSeen();
        seen.add(longChain);
        assertEquals(CertificatesSeen.MAX_CHAIN, seen.chains().get(0).size());

        CertificatesSeen broken = new CertificatesSeen();
        broken.add(List.of(der(EC), new byte[]{0x30, 0x03, 1, 2, 3}, der(PKI.caCertificate())));
        assertEquals(List.of(List.of(EC)), broken.chains());
    }

    @Test
    void anUnparsableLeafIsIgnored() {
        CertificatesSeen seen = new CertificatesSeen();
        seen.add(List.of(new byte[]{1, 2, 3}));
        assertTrue(seen.chains().isEmpty());
        assertNull(seen.list());
    }
}
