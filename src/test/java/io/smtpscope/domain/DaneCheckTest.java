package io.smtpscope.domain;

import io.smtpscope.cert.DaneMatcher;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.DaneCertificate;
import io.smtpscope.result.DaneOutcome;
import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.EndpointDane;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.TlsaSeen;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DANE per certificate: a server holding RSA and ECDSA certificates needs a usable TLSA match for each (RFC 7671 section 5). */
class DaneCheckTest {
    private static final String MX = "mx.dual.test";
    private static final DemoPki PKI = new DemoPki("dane check CA");
    private static final List<X509Certificate> RSA = chain(PKI.certificate(MX).key("RSA", 2048).validFor(Duration.ofDays(30)).issue());
    private static final List<X509Certificate> EC = chain(PKI.certificate(MX).key("EC", 256).validFor(Duration.ofDays(30)).issue());

    private static List<X509Certificate> chain(DemoPki.KeyMaterial m) {
        return List.of(m.leaf(), PKI.caCertificate());
    }

    private static TlsaSeen eeSpki(List<X509Certificate> chain) {
        try {
            return new TlsaSeen(3, 1, 1, HexFormat.of().formatHex(DaneMatcher.associationData(1, 1, chain.get(0))), true, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HostDane host(TlsaSeen... records) {
        return new HostDane(MX, null, DnssecState.SECURE, "_25._tcp." + MX, DnssecState.SECURE, DaneStatus.USABLE,
                List.of(records), null);
    }

    private static ProbeObservation probed(List<X509Certificate> chain) {
        return new ProbeObservation(Reachability.OPEN, null, TlsResult.negotiated("TLSv1.3", "TLS_AES_128_GCM_SHA256", MX),
                null, null, null, List.of(), chain);
    }

    @Test
    void bothCertificatesMatchedIsAuthenticatedWithoutRollover() {
        EndpointDane dane = DaneCheck.evaluate(host(eeSpki(RSA), eeSpki(EC)), probed(EC), List.of(EC, RSA));
        assertEquals(DaneOutcome.AUTHENTICATED, dane.outcome(), dane.why());
        assertEquals(2, dane.certificates().size(), "the probe's EC leaf seen again by the enumeration counts once");
        assertTrue(dane.certificates().stream().allMatch(DaneCertificate::matched));
        assertTrue(dane.records().stream().allMatch(m -> m.matched()), "each record matches one of the certificates: no rollover");
        assertEquals(List.of("EC", "RSA"), dane.certificates().stream().map(DaneCertificate::keyType).toList());
    }

    @Test
    void aCertificateWithoutItsRecordIsAPartialMatch() {
        EndpointDane dane = DaneCheck.evaluate(host(eeSpki(RSA)), probed(RSA), List.of(RSA, EC));
        assertEquals(DaneOutcome.PARTIAL_MATCH, dane.outcome(), dane.why());
        DaneCertificate rsa = dane.certificates().get(0);
        DaneCertificate ec = dane.certificates().get(1);
        assertTrue(rsa.matched());
        assertEquals(List.of(eeSpki(RSA).presentation()), rsa.matchedRecords());
        assertFalse(ec.matched());
        assertEquals(eeSpki(EC).data(), ec.spkiSha256(), "the unmatched certificate's 3 1 1 data, for the remedy");
        assertTrue(dane.why().contains("EC"), dane.why());
    }

    @Test
    void theProbeSeeingTheUnmatchedCertificateIsStillPartial() {
        EndpointDane dane = DaneCheck.evaluate(host(eeSpki(RSA)), probed(EC), List.of(RSA, EC));
        assertEquals(DaneOutcome.PARTIAL_MATCH, dane.outcome(), dane.why());
        assertTrue(dane.records().get(0).matched(), dane.records().get(0).why());
        assertTrue(dane.records().get(0).why().startsWith("RSA certificate"), dane.records().get(0).why());
    }

    @Test
    void noCertificateMatchedIsNoMatch() {
        List<X509Certificate> other = chain(PKI.certificate(MX).key("EC", 256).validFor(Duration.ofDays(30)).issue());
        EndpointDane dane = DaneCheck.evaluate(host(eeSpki(other)), probed(RSA), List.of(RSA, EC));
        assertEquals(DaneOutcome.NO_MATCH, dane.outcome(), dane.why());
        assertTrue(dane.certificates().stream().noneMatch(DaneCertificate::matched));
    }

    @Test
    void oneCertificateKeepsTheSingleChainWording() {
        EndpointDane dane = DaneCheck.evaluate(host(eeSpki(RSA)), probed(RSA), List.of());
        assertEquals(DaneOutcome.AUTHENTICATED, dane.outcome());
        assertEquals("1 of 1 usable TLSA record(s) match the chain the server presented", dane.why());
        assertEquals(1, dane.certificates().size());
    }

    @Test
    void aDaneTaRecordMatchesEveryCertificateIssuedUnderIt() throws Exception {
        TlsaSeen ta = new TlsaSeen(2, 0, 1, HexFormat.of().formatHex(DaneMatcher.associationData(0, 1, PKI.caCertificate())), true, null);
        EndpointDane dane = DaneCheck.evaluate(host(ta), probed(RSA), List.of(EC));
        assertEquals(DaneOutcome.AUTHENTICATED, dane.outcome(), dane.why());
        assertEquals(2, dane.certificates().size());
    }
}
