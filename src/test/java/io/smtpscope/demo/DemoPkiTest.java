package io.smtpscope.demo;

import io.smtpscope.demo.DemoPki.KeyMaterial;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one test and demo PKI: chain shapes, the certificate builder's options, PEM output. */
class DemoPkiTest {
    private static final DemoPki ROOT = new DemoPki("pki test root");

    @TempDir
    Path dir;

    @Test
    void aLeafChainsToTheRootThatSignedIt() throws Exception {
        KeyMaterial issued = ROOT.issue(List.of("mail.example.test", "192.0.2.25"), Duration.ofDays(30));
        assertEquals(List.of(issued.leaf(), ROOT.caCertificate()), issued.chain());
        issued.leaf().verify(ROOT.caCertificate().getPublicKey());
        String subject = issued.leaf().getSubjectX500Principal().getName();
        assertTrue(subject.contains("CN=mail.example.test") && subject.contains("O=smtpscope demo"), subject);
        assertEquals(List.of(List.of(2, "mail.example.test"), List.of(7, "192.0.2.25")), new ArrayList<>(issued.leaf().getSubjectAlternativeNames()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), issued.leaf().getExtendedKeyUsage(), "serverAuth");
        assertEquals(-1, issued.leaf().getBasicConstraints(), "not a CA");
        assertTrue(ROOT.caCertificate().getBasicConstraints() >= 0, "the root is a CA");
    }

    @Test
    void anIntermediateSitsBetweenLeafAndRoot() throws Exception {
        DemoPki intermediate = ROOT.intermediate("pki test intermediate");
        KeyMaterial issued = intermediate.certificate("mail.example.test").issue();
        assertEquals(List.of(issued.leaf(), intermediate.caCertificate(), ROOT.caCertificate()), issued.chain());
        issued.leaf().verify(intermediate.caCertificate().getPublicKey());
        intermediate.caCertificate().verify(ROOT.caCertificate().getPublicKey());
        assertTrue(issued.leaf().getIssuerX500Principal().getName().contains("pki test intermediate"));
    }

    @Test
    void aSelfSignedLeafHasNoCaBehindIt() throws Exception {
        KeyMaterial self = ROOT.selfSigned(List.of("mail.example.test"), Duration.ofDays(30));
        assertEquals(1, self.chain().size());
        assertEquals(self.leaf().getSubjectX500Principal(), self.leaf().getIssuerX500Principal());
        self.leaf().verify(self.leaf().getPublicKey());
    }

    @Test
    void datesInThePastOrTheFutureAreKeptToTheSecond() {
        Instant notBefore = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = Instant.now().minus(12, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate expired = ROOT.issue(List.of("old.example.test"), notBefore, notAfter).leaf();
        assertEquals(notBefore, expired.getNotBefore().toInstant());
        assertEquals(notAfter, expired.getNotAfter().toInstant());
        X509Certificate expiredByDuration = ROOT.certificate("old.example.test").validFor(Duration.ofDays(-3)).issue().leaf();
        assertTrue(expiredByDuration.getNotAfter().toInstant().isBefore(Instant.now()));
    }

    @Test
    void keyTypeSizeSignatureAndSerialAreAsAsked() {
        X509Certificate weak = DemoPki.selfSignedCertificate("weak.example.test").key("RSA", 1024)
                .signatureAlgorithm("SHA1withRSA").serial(BigInteger.valueOf(-4242)).issue().leaf();
        assertEquals(1024, ((RSAPublicKey) weak.getPublicKey()).getModulus().bitLength());
        assertEquals("SHA1withRSA", weak.getSigAlgName());
        assertEquals(BigInteger.valueOf(-4242), weak.getSerialNumber());
        assertEquals("SHA384withECDSA", ROOT.certificate("p384.example.test").key("EC", 384)
                .signatureAlgorithm("SHA384withECDSA").issue().leaf().getSigAlgName());
        assertEquals("EdDSA", DemoPki.selfSignedCertificate("ed.example.test").key("Ed25519", 255).issue().leaf().getPublicKey().getAlgorithm());
        // An RSA leaf under the EC root is still signed with the root's key.
        assertEquals("SHA256withECDSA", ROOT.certificate("rsa.example.test").key("RSA", 2048).issue().leaf().getSigAlgName());
    }

    @Test
    void hostileNamesAreEncodedExactlyAsGiven() throws Exception {
        String subject = "evil\u001b[2J\u0000\u202e.test";
        String issuer = "Issuing CA\r\nX-Injected: yes";
        X509Certificate leaf = ROOT.certificate().subjectCommonName(subject).issuerCommonName(issuer)
                .names("DNS:bell\u0007.test", "DNS:192.0.2.7", "IP:192.0.2.7").issue().leaf();
        X509CertificateHolder parsed = new X509CertificateHolder(leaf.getEncoded());
        assertEquals(subject, parsed.getSubject().getRDNs()[0].getFirst().getValue().toString());
        assertEquals(issuer, parsed.getIssuer().getRDNs()[0].getFirst().getValue().toString());
        GeneralName[] sans = GeneralNames.getInstance(parsed.getExtension(Extension.subjectAlternativeName).getParsedValue()).getNames();
        assertEquals(GeneralName.dNSName, sans[0].getTagNo());
        assertEquals("bell\u0007.test", sans[0].getName().toString());
        assertEquals(GeneralName.dNSName, sans[1].getTagNo(), "an address written as DNS: stays a DNS name");
        assertEquals(GeneralName.iPAddress, sans[2].getTagNo());
        X509Certificate cnOnly = ROOT.certificate().subject("CN=legacy.example.test,O=Legacy").issue().leaf();
        assertEquals(null, cnOnly.getSubjectAlternativeNames(), "no names: no subjectAltName extension");
    }

    @Test
    void aCraftedCertificateIsPresentedAsItsBytes() throws Exception {
        KeyMaterial crafted = DemoPki.selfSignedCertificate("crafted.example.test")
                .issueCrafted(fields -> fields);
        assertInstanceOf(CraftedCertificate.class, crafted.leaf());
        KeyMaterial extended = DemoPki.selfSignedCertificate("crafted.example.test")
                .extension(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.9"), false, new DEROctetString(new byte[]{1})))
                .issueCrafted(fields -> {
                    List<ASN1Encodable> out = new ArrayList<>(fields);
                    out.set(1, new org.bouncycastle.asn1.ASN1Integer(7)); // the serial, after signing
                    return out;
                });
        X509Certificate reloaded = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(extended.leaf().getEncoded()));
        assertEquals(BigInteger.valueOf(7), reloaded.getSerialNumber(), "the wire bytes are the edited ones");
        assertNotEquals(BigInteger.valueOf(7), extended.leaf().getSerialNumber(), "the object behaves like the valid one");
        reloaded.verify(reloaded.getPublicKey()); // signed again after the edit
        assertThrows(IllegalArgumentException.class, () -> DemoPki.selfSignedCertificate("twice.example.test")
                .extension(new Extension(Extension.subjectAlternativeName, false, new DEROctetString(new byte[]{0x30, 0})))
                .issue(), "the same extension twice needs issueCrafted");
    }

    @Test
    void pemFilesReadBack() throws Exception {
        Path ca = dir.resolve("ca.pem");
        ROOT.writeCaPem(ca);
        X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(ca));
        assertEquals(ROOT.caCertificate(), read);
        KeyMaterial issued = ROOT.certificate("mail.example.test").issue();
        String pem = DemoPki.pem(issued.key());
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("-----END PRIVATE KEY-----\n"), pem);
        byte[] der = Base64.getMimeDecoder().decode(pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat));
        assertArrayEquals(issued.key().getEncoded(), KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)).getEncoded());
        assertFalse(Arrays.equals(ROOT.caCertificate().getEncoded(), issued.leaf().getEncoded()));
    }
}
