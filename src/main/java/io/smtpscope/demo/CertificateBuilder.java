package io.smtpscope.demo;

import io.smtpscope.demo.DemoPki.KeyMaterial;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One certificate, described field by field, then signed by a {@link DemoPki} CA or by itself. The defaults
 * make a sane server certificate (EC P-256, SHA-256, valid from yesterday for 90 days, serverAuth); every
 * field can be set to what no CA would issue: names with control characters, a lying issuer name, a
 * negative serial, a weak key or signature, an extra extension, or a TBSCertificate edited after the fact.
 */
public final class CertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DemoPki issuer;
    private X500Name subject;
    private X500Name issuerName;
    private List<String> names;
    private Instant notBefore;
    private Instant notAfter;
    private KeyPair keys;
    private String keyAlgorithm = "EC";
    private int keyBits = 256;
    private String signatureAlgorithm;
    private BigInteger serial;
    private boolean ca;
    /** Null: the default (serverAuth for a leaf, no extension for a CA); empty: no extension. */
    private List<KeyPurposeId> purposes;
    /** Null: the default for the key and role (see {@link #keyUsage}). */
    private Integer keyUsageBits;
    private final List<Extension> extensions = new ArrayList<>();

    /** A leaf for {@code names} (the first is the CN), signed by {@code issuer}, or self-signed when it is null. */
    CertificateBuilder(DemoPki issuer, List<String> names) {
        this.issuer = issuer;
        this.names = List.copyOf(names);
        this.subject = names.isEmpty() ? new X500Name("O=smtpscope demo") : subjectOf(names.getFirst());
        Instant now = Instant.now();
        this.notBefore = now.minus(Duration.ofDays(1));
        this.notAfter = now.plus(Duration.ofDays(90));
    }

    static X500Name subjectOf(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).addRDN(BCStyle.O, "smtpscope demo").build();
    }

    /** The subject as an RFC 4514 string, e.g. {@code CN=mail.example.com,O=Example}. */
    public CertificateBuilder subject(String dn) {
        this.subject = new X500Name(dn);
        return this;
    }

    CertificateBuilder subject(X500Name name) {
        this.subject = name;
        return this;
    }

    /** A subject of one common name holding exactly {@code value}, whatever characters it has (no DN parsing). */
    public CertificateBuilder subjectCommonName(String value) {
        this.subject = rawCommonName(value);
        return this;
    }

    /** The issuer name written into the certificate, whoever signs it (a lie, unless it names the signer). */
    public CertificateBuilder issuerName(String dn) {
        this.issuerName = new X500Name(dn);
        return this;
    }

    /** An issuer name of one common name holding exactly {@code value}, whatever characters it has. */
    public CertificateBuilder issuerCommonName(String value) {
        this.issuerName = rawCommonName(value);
        return this;
    }

    private static X500Name rawCommonName(String value) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, new DERUTF8String(value)).build();
    }

    /**
     * The subjectAltName entries: {@code DNS:name} and {@code IP:address} as written (a DNS name may hold any
     * character, an address written as {@code DNS:} stays a DNS name); a bare entry is an iPAddress when it is
     * an address literal, a dNSName otherwise. None at all: no subjectAltName extension.
     */
    public CertificateBuilder names(String... entries) {
        this.names = List.of(entries);
        return this;
    }

    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        return this;
    }

    /** Valid from yesterday for {@code validFor} from now (negative: expired that long ago). */
    public CertificateBuilder validFor(Duration validFor) {
        Instant now = Instant.now();
        return validity(now.minus(Duration.ofDays(1)), now.plus(validFor));
    }

    /** A fresh key: {@code EC} (256, 384 or 521 bits), {@code RSA} (any size the JDK makes) or {@code Ed25519}. */
    public CertificateBuilder key(String algorithm, int bits) {
        this.keyAlgorithm = algorithm;
        this.keyBits = bits;
        this.keys = null;
        return this;
    }

    /** This key pair rather than a fresh one. */
    public CertificateBuilder keys(KeyPair pair) {
        this.keys = pair;
        return this;
    }

    /** The JCA signature algorithm, e.g. {@code SHA1withRSA}; it must fit the signer's key. Default: SHA-256 (Ed25519 for EdDSA). */
    public CertificateBuilder signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = algorithm;
        return this;
    }

    /** The serial number, which may be anything (RFC 5280 section 4.1.2.2 asks for a positive one). Default: random. */
    public CertificateBuilder serial(BigInteger value) {
        this.serial = value;
        return this;
    }

    /** A CA certificate (basicConstraints CA, keyCertSign), with no subjectAltName unless names are set. */
    CertificateBuilder ca() {
        this.ca = true;
        return this;
    }

    /**
     * The extended key usage (RFC 5280 section 4.2.1.12): these purposes, e.g. {@code KeyPurposeId.id_kp_clientAuth}
     * or {@code KeyPurposeId.anyExtendedKeyUsage}; none at all: no extension. Default for a leaf: serverAuth.
     */
    public CertificateBuilder extendedKeyUsage(KeyPurposeId... purposes) {
        this.purposes = List.of(purposes);
        return this;
    }

    /**
     * The key usage bits ({@code KeyUsage.digitalSignature | ...}). Default: digitalSignature, plus keyEncipherment
     * for an RSA key; keyCertSign and cRLSign for a CA.
     */
    public CertificateBuilder keyUsage(int bits) {
        this.keyUsageBits = bits;
        return this;
    }

    /** One more extension, added after the usual ones (the same OID twice is refused by the builder: see {@link #issueCrafted}). */
    public CertificateBuilder extension(Extension extension) {
        this.extensions.add(extension);
        return this;
    }

    /** Signs the certificate: its key and chain (leaf first, then the issuing CAs up to the root). */
    public KeyMaterial issue() {
        try {
            KeyPair subjectKeys = keys != null ? keys : generate(keyAlgorithm, keyBits);
            keys = subjectKeys;
            X509Certificate certificate = sign(subjectKeys);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            if (issuer != null) {
                chain.addAll(issuer.caChain());
            }
            return new KeyMaterial(subjectKeys.getPrivate(), chain);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a certificate for " + subject, e);
        }
    }

    /**
     * Signs the certificate, then lets {@code edit} change the fields of its TBSCertificate (RFC 5280 section
     * 4.1: version, serial, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions) and signs
     * the result again. The leaf is a {@link CraftedCertificate}: a server presents the crafted bytes even when
     * the JDK could not load them.
     */
    public KeyMaterial issueCrafted(UnaryOperator<List<ASN1Encodable>> edit) {
        KeyMaterial valid = issue();
        try {
            org.bouncycastle.asn1.x509.Certificate parsed = org.bouncycastle.asn1.x509.Certificate.getInstance(valid.leaf().getEncoded());
            List<ASN1Encodable> fields = new ArrayList<>();
            for (ASN1Encodable field : ASN1Sequence.getInstance(parsed.getTBSCertificate().getEncoded())) {
                fields.add(field);
            }
            ASN1EncodableVector edited = new ASN1EncodableVector();
            edit.apply(fields).forEach(edited::add);
            DERSequence tbs = new DERSequence(edited);
            Signature signer = Signature.getInstance(signatureAlgorithm(signerKey()));
            signer.initSign(signerKey());
            signer.update(tbs.getEncoded());
            byte[] der = new DERSequence(new ASN1Encodable[]{tbs, parsed.getSignatureAlgorithm(),
                    new DERBitString(signer.sign())}).getEncoded();
            List<X509Certificate> chain = new ArrayList<>(valid.chain());
            chain.set(0, new CraftedCertificate(valid.leaf(), der));
            return new KeyMaterial(valid.key(), chain);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot craft a certificate for " + subject, e);
        }
    }

    private PrivateKey signerKey() {
        return issuer == null ? keys.getPrivate() : issuer.caKey();
    }

    private X509Certificate sign(KeyPair subjectKeys)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException, java.io.IOException {
        X500Name issuedBy = issuerName != null ? issuerName
                : issuer == null ? subject : X500Name.getInstance(issuer.caCertificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuedBy,
                serial != null ? serial : new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits != null ? keyUsageBits
                : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | (subjectKeys.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0)));
        List<KeyPurposeId> eku = purposes != null ? purposes : ca ? List.of() : List.of(KeyPurposeId.id_kp_serverAuth);
        if (!eku.isEmpty()) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku.toArray(KeyPurposeId[]::new)));
        }
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        if (issuer != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.caCertificate()));
        }
        if (!names.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.stream().map(CertificateBuilder::generalName).toArray(GeneralName[]::new)));
        }
        for (Extension extension : extensions) {
            builder.addExtension(extension);
        }
        PrivateKey signer = signerKey();
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
    }

    private String signatureAlgorithm(PrivateKey signer) {
        if (signatureAlgorithm != null) {
            return signatureAlgorithm;
        }
        return switch (signer.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EDDSA", "ED25519" -> "Ed25519";
            default -> "SHA256withECDSA";
        };
    }

    private static GeneralName generalName(String entry) {
        if (entry.startsWith("DNS:")) {
            return new GeneralName(GeneralName.dNSName, entry.substring(4));
        }
        if (entry.startsWith("IP:")) {
            return new GeneralName(GeneralName.iPAddress, entry.substring(3));
        }
        boolean address = entry.matches("[0-9.]+") || entry.contains(":");
        return new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, entry);
    }

    static KeyPair generate(String algorithm, int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "EC" -> generator.initialize(new ECGenParameterSpec(bits == 256 ? "secp256r1" : "secp" + bits + "r1"), RANDOM);
            case "RSA" -> generator.initialize(bits, RANDOM);
            default -> {
                // Ed25519 and the like: the algorithm fixes the size
            }
        }
        return generator.generateKeyPair();
    }
}
