package io.smtpscope.cert;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.TlsaMatch;
import io.smtpscope.result.TlsaSeen;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaneMatcherTest {
    private static final DemoPki PKI = new DemoPki("dane test CA");
    private static final DemoPki OTHER = new DemoPki("another CA");
    private static final DemoPki.KeyMaterial SERVER = PKI.issue(List.of("mx.a.test"), Duration.ofDays(30));
    private static final List<X509Certificate> CHAIN = List.of(SERVER.leaf(), PKI.caCertificate());

    private static TlsaSeen record(int usage, int selector, int type, X509Certificate of) throws Exception {
        return usable(usage, selector, type, HexFormat.of().formatHex(DaneMatcher.associationData(selector, type, of)));
    }

    private static TlsaSeen usable(int usage, int selector, int type, String hex) {
        return new TlsaSeen(usage, selector, type, hex, true, null);
    }

    @Test
    void daneEeMatchesKeyOrCertificateUnderEveryMatchingType() throws Exception {
        for (int selector = 0; selector <= 1; selector++) {
            for (int type = 0; type <= 2; type++) {
                TlsaMatch m = DaneMatcher.match(record(3, selector, type, SERVER.leaf()), CHAIN, List.of("mx.a.test"));
                assertTrue(m.matched(), "3 " + selector + " " + type + ": " + m.why());
            }
        }
    }

    @Test
    void daneEeChecksNoNameAndNoDate() throws Exception {
        DemoPki.KeyMaterial expired = PKI.issue(List.of("elsewhere.test"), Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-02-01T00:00:00Z"));
        TlsaMatch m = DaneMatcher.match(record(3, 1, 1, expired.leaf()), List.of(expired.leaf()), List.of("mx.a.test"));
        assertTrue(m.matched(), m.why());
    }

    @Test
    void anotherKeyDoesNotMatch() throws Exception {
        DemoPki.KeyMaterial renewed = PKI.issue(List.of("mx.a.test"), Duration.ofDays(30));
        TlsaMatch m = DaneMatcher.match(record(3, 1, 1, renewed.leaf()), CHAIN, List.of("mx.a.test"));
        assertFalse(m.matched());
        assertTrue(m.why().contains("does not match"), m.why());
    }

    @Test
    void daneTaMatchesTheSentIssuerWithTheMxName() throws Exception {
        TlsaMatch m = DaneMatcher.match(record(2, 0, 1, PKI.caCertificate()), CHAIN, List.of("mx.a.test"));
        assertTrue(m.matched(), m.why());
        TlsaMatch spki = DaneMatcher.match(record(2, 1, 1, PKI.caCertificate()), CHAIN, List.of("other.test", "mx.a.test"));
        assertTrue(spki.matched(), spki.why());
    }

    @Test
    void daneTaRequiresTheName() throws Exception {
        TlsaMatch m = DaneMatcher.match(record(2, 0, 1, PKI.caCertificate()), CHAIN, List.of("mx.b.test"));
        assertFalse(m.matched());
        assertTrue(m.why().contains("not valid for mx.b.test"), m.why());
    }

    @Test
    void daneTaRequiresTheChainToBeSent() throws Exception {
        TlsaMatch m = DaneMatcher.match(record(2, 0, 1, PKI.caCertificate()), List.of(SERVER.leaf()), List.of("mx.a.test"));
        assertFalse(m.matched());
        assertTrue(m.why().contains("only its own certificate"), m.why());
    }

    @Test
    void daneTaAnchorThatDidNotSignTheLeafDoesNotMatch() throws Exception {
        List<X509Certificate> forged = List.of(SERVER.leaf(), OTHER.caCertificate());
        TlsaMatch m = DaneMatcher.match(record(2, 0, 1, OTHER.caCertificate()), forged, List.of("mx.a.test"));
        assertFalse(m.matched());
        assertTrue(m.why().contains("not signed by"), m.why());
    }

    @Test
    void daneTaNeverMatchesTheLeafItself() throws Exception {
        TlsaMatch m = DaneMatcher.match(record(2, 0, 1, SERVER.leaf()), CHAIN, List.of("mx.a.test"));
        assertFalse(m.matched(), m.why());
    }

    @Test
    void unusableRecordsAndMalformedDataMatchNothing() throws Exception {
        TlsaSeen pkix = new TlsaSeen(1, 1, 1, record(3, 1, 1, SERVER.leaf()).data(), false, "usage 1");
        assertFalse(DaneMatcher.match(pkix, CHAIN, List.of("mx.a.test")).matched());
        assertFalse(DaneMatcher.match(usable(3, 1, 1, "zz-not-hex"), CHAIN, List.of("mx.a.test")).matched());
        assertFalse(DaneMatcher.match(record(3, 1, 1, SERVER.leaf()), List.of(), List.of("mx.a.test")).matched());
    }
}
