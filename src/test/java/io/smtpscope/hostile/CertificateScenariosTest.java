package io.smtpscope.hostile;

import io.smtpscope.demo.CertificateBuilder;
import io.smtpscope.demo.CraftedCertificate;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.DemoPki.KeyMaterial;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    /** A well-behaved STARTTLS server whose TLS presents {@code material}. */
    private static ServerScript presenting(KeyMaterial material) {
        return ServerScript.wellBehaved("mail.hostile.test", DemoPki.serverContext(material), false);
    }

    @BeforeAll
    static void scanAll() throws Exception {
        batch = new HostileBatch()
                .add("chain-of-50", "starttls", presenting(chainOf(50)))
                .add("one-megabyte-certificate", "starttls", presenting(certificateOfSize(1024 * 1024)))
                .add("duplicated-extension", "starttls", presenting(withDuplicatedSubjectAltName()))
                .add("malformed-extension", "starttls", presenting(withMalformedSubjectAltName()))
                .add("negative-serial", "starttls", presenting(withNegativeSerial()))
                .add("unknown-key-type", "starttls", presenting(withUnknownKeyType()))
                .add("control-characters-in-names", "starttls", presenting(withControlCharactersInNames()))
                .run();
    }

    // ---- the certificates no sane CA issues (DemoPki's builder; the crafted ones through CraftedCertificate) ----

    private static CertificateBuilder hostileLeaf() {
        return DemoPki.selfSignedCertificate("mail.hostile.test");
    }

    /** A chain of {@code length} certificates, each signed by the next; the last one is a self-signed root. */
    static KeyMaterial chainOf(int length) {
        DemoPki ca = new DemoPki("intermediate " + (length - 1));
        for (int i = length - 2; i >= 1; i--) {
            ca = ca.intermediate("intermediate " + i);
        }
        KeyMaterial material = ca.certificate("mail.hostile.test").issue();
        assertEquals(length, material.chain().size());
        return material;
    }

    /** A self-signed leaf of about {@code bytes} bytes: the bulk is a private, non-critical extension. */
    static KeyMaterial certificateOfSize(int bytes) {
        return hostileLeaf().extension(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), false,
                new DEROctetString(new byte[bytes]))).issue();
    }

    /** A self-signed leaf with a negative serial number (RFC 5280 section 4.1.2.2 requires a positive one). */
    static KeyMaterial withNegativeSerial() {
        return hostileLeaf().serial(BigInteger.valueOf(-4242)).issue();
    }

    /** Subject, issuer and subjectAltName carrying terminal escapes, a bidi override, CR LF and NUL. */
    static KeyMaterial withControlCharactersInNames() {
        return hostileLeaf().subjectCommonName("mail\u001b[2J\u202emoc.elpmaxe").issuerCommonName("Evil CA\r\nX-Injected: 1\u0000")
                .names("DNS:mail\u0007.hostile.test", "DNS:mail.hostile.test").issue();
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

    private static int subjectAltName(List<ASN1Encodable> extensions) {
        for (int i = 0; i < extensions.size(); i++) {
            if (Extension.getInstance(extensions.get(i)).getExtnId().equals(Extension.subjectAlternativeName)) {
                return i;
            }
        }
        throw new IllegalStateException("no subjectAltName extension to edit");
    }

    /** The subject alternative name twice (RFC 5280 section 4.2: "MUST NOT include more than one instance"). */
    static KeyMaterial withDuplicatedSubjectAltName() {
        return hostileLeaf().issueCrafted(editExtensions(extensions -> {
            List<ASN1Encodable> out = new ArrayList<>(extensions);
            out.add(extensions.get(subjectAltName(extensions)));
            return out;
        }));
    }

    /** The subject alternative name extension whose value is not DER at all. */
    static KeyMaterial withMalformedSubjectAltName() {
        return hostileLeaf().issueCrafted(editExtensions(extensions -> {
            List<ASN1Encodable> out = new ArrayList<>(extensions);
            out.set(subjectAltName(extensions), new DERSequence(new ASN1Encodable[]{Extension.subjectAlternativeName,
                    new DEROctetString(new byte[]{0x30, 0x7f, (byte) 0x82, (byte) 0xff, 0x00})}));
            return out;
        }));
    }

    /** A subject public key of an algorithm nobody knows (a private OID), random key bits. */
    static KeyMaterial withUnknownKeyType() {
        return hostileLeaf().issueCrafted(fields -> {
            List<ASN1Encodable> out = new ArrayList<>(fields);
            // version, serial, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions
            int spki = out.size() - 2;
            byte[] bits = new byte[64];
            new java.util.Random(6).nextBytes(bits);
            out.set(spki, new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.2")), bits));
            return out;
        });
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

    @Test
    @DisplayName("regression: control and bidi characters in subject, issuer and subjectAltName reach the report escaped")
    void controlCharactersInNames() {
        EndpointResult r = batch.assertContained("control-characters-in-names"); // no raw control character in the JSON
        assertNull(r.error(), () -> String.valueOf(r.error()));
        var leaf = r.certificate().chain().getFirst();
        assertEquals("CN=mail\\x1b[2J\\u202emoc.elpmaxe", leaf.subject());
        assertEquals("CN=Evil CA\\x0d\\x0aX-Injected: 1\\00", leaf.issuer(), "NUL as RFC 2253 writes it, CR LF escaped");
        assertTrue(r.certificate().selfSigned() || !r.certificate().trusted(), "a certificate nobody vouches for");
        // the same leaf, as the TLS enumeration saw it in a plaintext TLS 1.2 Certificate message
        assertNotNull(r.tls().certificatesSeen(), () -> "the enumeration saw no certificate: " + r.tls());
        assertEquals("CN=mail\\x1b[2J\\u202emoc.elpmaxe", r.tls().certificatesSeen().getFirst().subject());
    }

    /** Why the server side presents these through {@link CraftedCertificate}: the JDK cannot load them itself. */
    @Test
    @DisplayName("server side: which crafted certificates the JDK's own CertificateFactory refuses to load")
    void whatTheJdkRefusesToLoad() throws Exception {
        java.security.cert.CertificateFactory factory = java.security.cert.CertificateFactory.getInstance("X.509");
        java.util.Map<String, String> loaded = new java.util.TreeMap<>();
        java.util.Map<String, KeyMaterial> crafted = java.util.Map.of(
                "duplicated-extension", withDuplicatedSubjectAltName(),
                "malformed-extension", withMalformedSubjectAltName(),
                "unknown-key-type", withUnknownKeyType());
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
