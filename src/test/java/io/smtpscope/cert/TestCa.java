package io.smtpscope.cert;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates DemoPki does not make: a CA (root or intermediate) that signs others, and leaves with
 * exactly the subject and SANs a test wants (including none at all, for the CN fallback).
 */
final class TestCa {
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    final KeyPair keys;
    final X509Certificate certificate;

    private TestCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    static TestCa root(String cn) {
        KeyPair keys = keys();
        Instant now = Instant.now();
        return new TestCa(keys, build(new X500Name("CN=" + cn), keys, new X500Name("CN=" + cn), keys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true, List.of(), null));
    }

    /** An intermediate CA signed by this one. */
    TestCa intermediate(String cn) {
        KeyPair child = keys();
        Instant now = Instant.now();
        return new TestCa(child, build(subject(), keys, new X500Name("CN=" + cn), child,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)), true, List.of(), certificate));
    }

    /** A leaf for {@code subjectDn} with these SANs (dNSName unless it starts with "IP:"). */
    X509Certificate leaf(String subjectDn, List<String> sans, Instant notBefore, Instant notAfter) {
        return build(subject(), keys, new X500Name(subjectDn), keys(), notBefore, notAfter, false, sans, certificate);
    }

    X509Certificate leaf(String subjectDn, List<String> sans) {
        Instant now = Instant.now();
        return leaf(subjectDn, sans, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
    }

    private X500Name subject() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair subjectKeys,
                                         Instant notBefore, Instant notAfter, boolean ca, List<String> sans,
                                         X509Certificate issuerCertificate) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(true) : new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuerCertificate != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCertificate));
            }
            if (!sans.isEmpty()) {
                GeneralName[] names = sans.stream().map(s -> s.startsWith("IP:")
                        ? new GeneralName(GeneralName.iPAddress, s.substring(3))
                        : new GeneralName(GeneralName.dNSName, s)).toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test certificate", e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
