package io.smtpscope.cert;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.CertificateResult;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainValidatorTest {
    private final DemoPki pki = new DemoPki("validator test CA");
    private final ChainValidator trustingDemoCa = new ChainValidator(TrustAnchors.of(List.of(pki.caCertificate()), "the test CA"));

    @Test
    void chainFromATrustedCaIsTrustedAndMatches() {
        List<X509Certificate> chain = pki.issue(List.of("mail.example.com"), Duration.ofDays(90)).chain();
        CertificateResult r = trustingDemoCa.inspect(chain, "mail.example.com", Instant.now());
        assertTrue(r.trusted(), r.trustError());
        assertNull(r.trustError());
        assertTrue(r.nameMatches());
        assertEquals("mail.example.com", r.nameChecked());
        assertFalse(r.expired());
        assertFalse(r.notYetValid());
        assertFalse(r.selfSigned());
        assertEquals(2, r.chain().size(), "the chain as sent, leaf first");
        assertTrue(r.chain().get(0).subject().contains("CN=mail.example.com"));
        assertEquals(64, r.chain().get(0).sha256().length());
        assertEquals("EC", r.chain().get(0).keyAlgorithm());
        assertEquals(256, r.chain().get(0).keyBits());
        assertEquals(List.of("DNS:mail.example.com"), r.chain().get(0).sans());
    }

    @Test
    void leafAloneIsEnoughWhenItsIssuerIsTheAnchor() {
        X509Certificate leaf = pki.issue(List.of("mail.example.com"), Duration.ofDays(90)).leaf();
        assertTrue(trustingDemoCa.inspect(List.of(leaf), "mail.example.com", Instant.now()).trusted());
    }

    @Test
    void nameMismatchIsSeparateFromTrust() {
        List<X509Certificate> chain = pki.issue(List.of("mail.example.com"), Duration.ofDays(90)).chain();
        CertificateResult r = trustingDemoCa.inspect(chain, "other.example.com", Instant.now());
        assertTrue(r.trusted());
        assertFalse(r.nameMatches());
    }

    @Test
    void chainFromAnUntrustedCaIsNotTrusted() {
        DemoPki other = new DemoPki("some other CA");
        List<X509Certificate> chain = other.issue(List.of("mail.example.com"), Duration.ofDays(90)).chain();
        CertificateResult r = trustingDemoCa.inspect(chain, "mail.example.com", Instant.now());
        assertFalse(r.trusted());
        assertTrue(r.trustError().contains("no path") && r.trustError().contains("the test CA"), r.trustError());
        assertTrue(r.nameMatches(), "the name is still checked");
        assertFalse(r.selfSigned());
    }

    @Test
    void selfSignedIsNamedAsSuch() {
        List<X509Certificate> chain = pki.selfSigned(List.of("mail.example.com"), Duration.ofDays(90)).chain();
        CertificateResult r = trustingDemoCa.inspect(chain, "mail.example.com", Instant.now());
        assertFalse(r.trusted());
        assertTrue(r.selfSigned());
        assertTrue(r.trustError().startsWith("self-signed"), r.trustError());
        assertEquals(1, r.chain().size());
    }

    @Test
    void expiredCertificate() {
        Instant now = Instant.now();
        List<X509Certificate> chain = pki.issue(List.of("mail.example.com"), now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(12)).minus(Duration.ofHours(1))).chain();
        CertificateResult r = trustingDemoCa.inspect(chain, "mail.example.com", now);
        assertTrue(r.expired());
        assertFalse(r.trusted());
        assertTrue(r.trustError().contains("expired"), r.trustError());
        assertEquals(-12, r.daysRemaining(), "12 completed days since expiry (the old floor said 13)");
    }

    @Test
    void notYetValidCertificate() {
        Instant now = Instant.now();
        List<X509Certificate> chain = pki.issue(List.of("mail.example.com"), now.plus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(100))).chain();
        CertificateResult r = trustingDemoCa.inspect(chain, "mail.example.com", now);
        assertTrue(r.notYetValid());
        assertFalse(r.expired());
        assertFalse(r.trusted());
        assertTrue(r.trustError().contains("not yet valid"), r.trustError());
    }

    @Test
    void daysRemainingCountsWholeDaysLeft() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<X509Certificate> chain = pki.issue(List.of("mail.example.com"), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)).plus(Duration.ofHours(5))).chain();
        CertificateResult r = trustingDemoCa.inspect(chain, "mail.example.com", now);
        assertEquals(30, r.daysRemaining());
        // The same chain judged at another moment: the validator uses the clock it is given.
        assertEquals(0, trustingDemoCa.inspect(chain, "mail.example.com", now.plus(Duration.ofDays(30))).daysRemaining());
        CertificateResult later = trustingDemoCa.inspect(chain, "mail.example.com", now.plus(Duration.ofDays(31)));
        assertTrue(later.expired());
        assertEquals(0, later.daysRemaining(), "expired 19 hours ago: less than a day, the expired flag says which side");
    }

    @Test
    void intermediateChainValidatesInSentOrderAndInWrongOrder() {
        DemoPki root = new DemoPki("Test Root");
        DemoPki intermediate = root.intermediate("Test Intermediate");
        X509Certificate leaf = intermediate.certificate("mail.example.com").issue().leaf();
        ChainValidator validator = new ChainValidator(TrustAnchors.of(List.of(root.caCertificate()), "Test Root"));

        CertificateResult ordered = validator.inspect(List.of(leaf, intermediate.caCertificate()), "mail.example.com", Instant.now());
        assertTrue(ordered.trusted(), ordered.trustError());

        CertificateResult withRoot = validator.inspect(List.of(leaf, root.caCertificate(), intermediate.caCertificate()),
                "mail.example.com", Instant.now());
        assertTrue(withRoot.trusted(), "wrong order still validates, as clients build paths: " + withRoot.trustError());
        assertEquals(3, withRoot.chain().size(), "the report keeps the order as sent");
        assertTrue(withRoot.chain().get(1).subject().contains("Test Root"));
    }

    @Test
    void leafWithoutItsIntermediateIsAnIncompleteChain() {
        DemoPki root = new DemoPki("Test Root");
        DemoPki intermediate = root.intermediate("Test Intermediate");
        X509Certificate leaf = intermediate.certificate("mail.example.com").issue().leaf();
        ChainValidator validator = new ChainValidator(TrustAnchors.of(List.of(root.caCertificate()), "Test Root"));

        CertificateResult r = validator.inspect(List.of(leaf), "mail.example.com", Instant.now());
        assertFalse(r.trusted());
        assertNotNull(r.trustError());
        assertTrue(r.trustError().contains("incomplete") && r.trustError().contains("Test Intermediate"), r.trustError());
        assertTrue(r.nameMatches());
    }

    @Test
    void emptyChainAndNoAnchors() {
        CertificateResult empty = trustingDemoCa.inspect(List.of(), "mail.example.com", Instant.now());
        assertFalse(empty.trusted());
        assertEquals("the server sent no certificate", empty.trustError());
        List<X509Certificate> chain = pki.issue(List.of("mail.example.com"), Duration.ofDays(90)).chain();
        CertificateResult none = new ChainValidator(TrustAnchors.of(List.of(), "nothing")).inspect(chain, "mail.example.com", Instant.now());
        assertFalse(none.trusted());
        assertEquals("no trust anchors configured", none.trustError());
    }

    /** RFC 5280 section 4.2.1.12: a listed purpose limits the certificate; a TLS server needs serverAuth. */
    @Test
    void aCertificateForTlsServersListsServerAuthOrNoPurposeAtAll() {
        CertificateResult serverAuth = trustingDemoCa.inspect(pki.certificate("mail.example.com")
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue().chain(), "mail.example.com", Instant.now());
        assertTrue(serverAuth.trusted(), serverAuth.trustError());
        CertificateResult both = trustingDemoCa.inspect(pki.certificate("mail.example.com")
                .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth).issue().chain(),
                "mail.example.com", Instant.now());
        assertTrue(both.trusted(), both.trustError());
        CertificateResult none = trustingDemoCa.inspect(pki.certificate("mail.example.com").extendedKeyUsage().issue().chain(),
                "mail.example.com", Instant.now());
        assertTrue(none.trusted(), "no extension: no limit: " + none.trustError());
    }

    /** Regression: a clientAuth-only certificate from a --ca-file CA was "trusted", and AUTH PLAIN went out. */
    @Test
    void aClientAuthOnlyCertificateIsNotTrustedForAServer() {
        CertificateResult r = trustingDemoCa.inspect(pki.certificate("mail.example.com")
                .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).issue().chain(), "mail.example.com", Instant.now());
        assertFalse(r.trusted());
        assertTrue(r.trustError().contains("not meant for TLS servers") && r.trustError().contains("clientAuth")
                && r.trustError().contains("serverAuth"), r.trustError());
        assertTrue(r.nameMatches(), "the name is still checked on its own");
    }

    /** The JDK and Go accept anyExtendedKeyUsage alone; OpenSSL, which most MTAs use, refuses it for a server. */
    @Test
    void anyExtendedKeyUsageAloneIsNotEnough() {
        CertificateResult r = trustingDemoCa.inspect(pki.certificate("mail.example.com")
                .extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).issue().chain(), "mail.example.com", Instant.now());
        assertFalse(r.trusted());
        assertTrue(r.trustError().contains("anyExtendedKeyUsage"), r.trustError());
    }

    /** Past the path and the purpose, the JDK's own TLS trust manager has the last word (here: a key usage for no key exchange). */
    @Test
    void whatTheJdkTrustManagerRefusesForAServerIsNotTrusted() {
        CertificateResult signOnlyCrl = trustingDemoCa.inspect(pki.certificate("mail.example.com").keyUsage(KeyUsage.cRLSign)
                .issue().chain(), "mail.example.com", Instant.now());
        assertFalse(signOnlyCrl.trusted());
        assertTrue(signOnlyCrl.trustError().startsWith("a TLS client refuses the certificate: ")
                && signOnlyCrl.trustError().contains("KeyUsage"), signOnlyCrl.trustError());
        CertificateResult rsaTransportOnly = trustingDemoCa.inspect(pki.certificate("mail.example.com").key("RSA", 2048)
                .keyUsage(KeyUsage.keyEncipherment).issue().chain(), "mail.example.com", Instant.now());
        assertTrue(rsaTransportOnly.trusted(), "fit for RSA key transport: " + rsaTransportOnly.trustError());
    }
}
