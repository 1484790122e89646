package io.smtpscope.cert;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.ChainCertificate;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's facts of one certificate, on certificates made to order by the test PKI. */
class CertificateFactsTest {
    private static final DemoPki PKI = new DemoPki("facts test CA");

    @Test
    void keySignatureSerialAndDatesAreReported() throws Exception {
        Instant notBefore = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate c = DemoPki.selfSignedCertificate("weak.example.test").key("RSA", 1024)
                .signatureAlgorithm("SHA1withRSA").serial(BigInteger.valueOf(0xbeef)).validity(notBefore, notAfter).issue().leaf();
        ChainCertificate facts = CertificateFacts.of(c);
        assertEquals("RSA", facts.keyAlgorithm());
        assertEquals(1024, facts.keyBits());
        assertEquals("SHA1withRSA", facts.signatureAlgorithm());
        assertEquals("beef", facts.serial());
        assertEquals(notBefore, facts.notBefore());
        assertEquals(notAfter, facts.notAfter());
        assertEquals(CertificateFacts.sha256(c), facts.sha256());
        assertEquals(facts.subject(), facts.issuer(), "self-signed");
    }

    @Test
    void curvesAndEdwardsKeysHaveTheirSizes() {
        ChainCertificate p384 = CertificateFacts.of(PKI.certificate("p384.example.test").key("EC", 384).issue().leaf());
        assertEquals("EC", p384.keyAlgorithm());
        assertEquals(384, p384.keyBits());
        assertEquals("SHA256withECDSA", p384.signatureAlgorithm(), "signed by the CA's P-256 key");
        ChainCertificate ed = CertificateFacts.of(DemoPki.selfSignedCertificate("ed.example.test").key("Ed25519", 255).issue().leaf());
        assertEquals("Ed25519", ed.keyAlgorithm());
        assertEquals(255, ed.keyBits());
        assertEquals("Ed25519", ed.signatureAlgorithm());
    }

    @Test
    void subjectAltNamesKeepTheirKind() {
        ChainCertificate facts = CertificateFacts.of(PKI.certificate("mail.example.test", "192.0.2.7", "2001:db8::25").issue().leaf());
        assertEquals(List.of("DNS:mail.example.test", "IP:192.0.2.7", "IP:2001:db8:0:0:0:0:0:25"), facts.sans());
        assertEquals(List.of(), CertificateFacts.of(PKI.certificate().subject("CN=legacy.example.test").issue().leaf()).sans());
    }

    @Test
    void aThousandNamesAreCutAtTheBound() {
        String[] names = new String[1000];
        for (int i = 0; i < names.length; i++) {
            names[i] = "n" + i + ".example.test";
        }
        List<String> sans = CertificateFacts.of(PKI.certificate(names).issue().leaf()).sans();
        assertEquals(CertificateFacts.MAX_SANS + 1, sans.size());
        assertEquals("... 800 more", sans.getLast());
    }

    @Test
    void regressionControlAndFormattingCharactersInNamesAreEscaped() {
        X509Certificate c = PKI.certificate().subjectCommonName("evil\u001b[2J\u202e.test").issuerCommonName("CA\r\nX-Injected: 1")
                .names("DNS:tab\there.test").issue().leaf();
        ChainCertificate facts = CertificateFacts.of(c);
        assertEquals("CN=evil\\x1b[2J\\u202e.test", facts.subject());
        assertEquals("CN=CA\\x0d\\x0aX-Injected: 1", facts.issuer());
        for (String text : List.of(facts.subject(), facts.issuer(), String.join(",", facts.sans()))) {
            assertFalse(text.chars().anyMatch(ch -> ch < 0x20 || ch == 0x202e), text);
        }
        assertTrue(facts.sans().getFirst().startsWith("DNS:tab"), facts.sans()::toString);
    }
}
