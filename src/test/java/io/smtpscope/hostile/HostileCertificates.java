package io.smtpscope.hostile;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Certificates no sane CA issues, built with BouncyCastle, and a server-side TLS context that presents
 * them. A certificate the JDK refuses to parse (duplicated or malformed extensions, an unknown key type)
 * cannot even become an {@link X509Certificate} on the server side through {@code CertificateFactory} or a
 * KeyStore; so the server presents a {@link CraftedCertificate}: a valid certificate object whose
 * {@code getEncoded()} (the bytes the JDK server puts on the wire) is the crafted DER.
 */
final class HostileCertificates {
    private HostileCertificates() {
    }

    /** A key with a chain, leaf first. */
    record Material(PrivateKey key, List<X509Certificate> chain) {
    }

    static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for {@code subject} signed by {@code issuerKey}; {@code extra} adds extensions. */
    static X509Certificate certificate(String subject, String issuer, java.security.PublicKey key, PrivateKey issuerKey,
                                       boolean ca, BigInteger serial, Extension... extra) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(90))),
                    new X500Name(subject), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!ca) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "mail.hostile.test")));
            }
            for (Extension extension : extra) {
                builder.addExtension(extension);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test certificate", e);
        }
    }

    /** A chain of {@code length} certificates, each signed by the next; the last one is self-signed. */
    static Material longChain(int length) {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            keys.add(ecKeys());
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            String subject = i == 0 ? "CN=mail.hostile.test" : "CN=intermediate " + i;
            int issuerIndex = Math.min(i + 1, length - 1);
            String issuer = issuerIndex == 0 ? subject : "CN=intermediate " + issuerIndex;
            chain.add(certificate(subject, issuer, keys.get(i).getPublic(), keys.get(issuerIndex).getPrivate(),
                    i > 0, BigInteger.valueOf(i + 1)));
        }
        return new Material(keys.get(0).getPrivate(), chain);
    }

    /** A self-signed leaf of about {@code bytes} bytes: the bulk is a private, non-critical extension. */
    static Material hugeCertificate(int bytes) {
        KeyPair keys = ecKeys();
        Extension padding = new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), false,
                new DEROctetString(new byte[bytes]));
        X509Certificate leaf = certificate("CN=mail.hostile.test", "CN=mail.hostile.test", keys.getPublic(),
                keys.getPrivate(), false, BigInteger.TEN, padding);
        return new Material(keys.getPrivate(), List.of(leaf));
    }

    /** A self-signed leaf with a negative serial number (RFC 5280 section 4.1.2.2 requires a positive one). */
    static Material negativeSerial() {
        KeyPair keys = ecKeys();
        X509Certificate leaf = certificate("CN=mail.hostile.test", "CN=mail.hostile.test", keys.getPublic(),
                keys.getPrivate(), false, BigInteger.valueOf(-4242));
        return new Material(keys.getPrivate(), List.of(leaf));
    }

    /**
     * A self-signed leaf whose TBSCertificate fields (RFC 5280 section 4.1) went through {@code edit} and were
     * signed again, presented by the server as crafted bytes.
     */
    static Material crafted(UnaryOperator<List<ASN1Encodable>> edit) {
        KeyPair keys = ecKeys();
        X509Certificate valid = certificate("CN=mail.hostile.test", "CN=mail.hostile.test", keys.getPublic(),
                keys.getPrivate(), false, BigInteger.TWO);
        try {
            org.bouncycastle.asn1.x509.Certificate parsed = org.bouncycastle.asn1.x509.Certificate.getInstance(valid.getEncoded());
            List<ASN1Encodable> fields = new ArrayList<>();
            for (ASN1Encodable field : ASN1Sequence.getInstance(parsed.getTBSCertificate().getEncoded())) {
                fields.add(field);
            }
            DERSequence tbs = new DERSequence(new ASN1EncodableVector() {{
                edit.apply(fields).forEach(this::add);
            }});
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs.getEncoded());
            byte[] der = new DERSequence(new ASN1Encodable[]{tbs, parsed.getSignatureAlgorithm(),
                    new DERBitString(signer.sign())}).getEncoded();
            return new Material(keys.getPrivate(), List.of(new CraftedCertificate(valid, der)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot craft a certificate", e);
        }
    }

    /** The extensions field ([3] EXPLICIT SEQUENCE OF Extension) of a TBSCertificate, edited. */
    static UnaryOperator<List<ASN1Encodable>> editExtensions(UnaryOperator<List<ASN1Encodable>> edit) {
        return fields -> {
            List<ASN1Encodable> out = new ArrayList<>(fields);
            int last = out.size() - 1;
            ASN1TaggedObject tagged = (ASN1TaggedObject) out.get(last);
            List<ASN1Encodable> extensions = new ArrayList<>();
            ASN1Sequence.getInstance(tagged.getExplicitBaseObject()).forEach(extensions::add);
            List<ASN1Encodable> edited = edit.apply(extensions);
            out.set(last, new DERTaggedObject(true, 3, new DERSequence(edited.toArray(ASN1Encodable[]::new))));
            return out;
        };
    }

    /** The subject alternative name twice (RFC 5280 section 4.2: "MUST NOT include more than one instance"). */
    static Material duplicatedExtension() {
        return crafted(editExtensions(extensions -> {
            List<ASN1Encodable> out = new ArrayList<>(extensions);
            out.add(extensions.getLast());
            return out;
        }));
    }

    /** The subject alternative name extension whose value is not DER at all. */
    static Material malformedExtension() {
        return crafted(editExtensions(extensions -> {
            List<ASN1Encodable> out = new ArrayList<>(extensions);
            out.set(out.size() - 1, new DERSequence(new ASN1Encodable[]{Extension.subjectAlternativeName,
                    new DEROctetString(new byte[]{0x30, 0x7f, (byte) 0x82, (byte) 0xff, 0x00})}));
            return out;
        }));
    }

    /** A subject public key of an algorithm nobody knows (a private OID), random key bits. */
    static Material unknownKeyType() {
        return crafted(fields -> {
            List<ASN1Encodable> out = new ArrayList<>(fields);
            // version, serial, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions
            int spki = out.size() - 2;
            byte[] bits = new byte[64];
            new java.util.Random(6).nextBytes(bits);
            out.set(spki, new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.2")), bits));
            return out;
        });
    }


    /** A server context presenting exactly {@code material}, whatever the client asks for. */
    static SSLContext serverContext(Material material) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{new FixedKeyManager(material)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presents one key and chain, skipping the KeyStore (which would refuse some of these chains). */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "hostile";
        private final Material material;

        FixedKeyManager(Material material) {
            this.material = material;
        }

        private String alias(String keyType) {
            return material.key().getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return alias(keyType) == null ? null : new String[]{ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return material.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return material.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

}
