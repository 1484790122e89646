package io.smtpscope.tls.enumeration;

import io.smtpscope.result.TlsResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the hellos a full enumeration sends, in order, to a scripted server with TLS 1.3 and TLS 1.2 (ECDHE with
 * a ServerKeyExchange): reports are compared across versions, so the same server must see the same hellos.
 * Each line: offered version / number of suites / number of groups / first suite.
 */
class HelloSequenceTest {
    private static final List<Integer> TLS13_SUITES = List.of(0x1302, 0x1301);
    private static final List<Integer> TLS13_GROUPS = List.of(29, 23);
    private static final List<Integer> TLS12_SUITES = List.of(0xC02F, 0xC030, 0x009C);
    private static final List<Integer> CURVES = List.of(24, 23, 29);

    /** Server order everywhere; an ECDHE suite only with a curve it has. */
    private static final Function<ScriptedTlsServer.Offer, byte[]> SERVER = offer -> {
        if (offer.tls13()) {
            Integer suite = ScriptedTlsServer.pick(TLS13_SUITES, offer.suites());
            Integer group = ScriptedTlsServer.pick(TLS13_GROUPS, offer.groups());
            return suite == null || group == null ? ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE)
                    : ScriptedTlsServer.helloRetry(suite, group);
        }
        if (offer.version() == TlsVersion.SSLV2.code()) {
            return new byte[0];
        }
        if (offer.version() != TlsVersion.TLS12.code()) {
            return ScriptedTlsServer.alert(AlertDescription.PROTOCOL_VERSION);
        }
        for (int suite : TLS12_SUITES) {
            boolean ecdhe = suite != 0x009C;
            Integer curve = ScriptedTlsServer.pick(CURVES, offer.groups());
            if (offer.suites().contains(suite) && (!ecdhe || curve != null)) {
                return ScriptedTlsServer.flight(0x0303, suite, ecdhe ? curve : null);
            }
        }
        return ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE);
    };

    private static final List<String> EXPECTED = List.of(
            // versions, highest first (SSLv3 hellos carry no extensions)
            "0304/11/16/00c6",
            "0303/350/41/0000",
            "0302/350/41/0000",
            "0301/350/41/0000",
            "0300/350/0/0000",
            "0002/0/0/-",
            // TLS 1.3: a suite and a group per HelloRetryRequest; then which list ran out; then the reversed order
            "0304/10/15/00c6",
            "0304/9/14/00c6",
            "0304/9/16/00c6",
            "0304/11/14/00c6",
            "0304/2/16/1301",
            // TLS 1.2 suites: offer the rest until refused; no reversed order: the answers passed over suites
            // offered first, which shows the server's order (OrderEvidence)
            "0303/349/41/0000",
            "0303/348/41/0000",
            "0303/347/41/0000",
            // ECDHE curves: secp384r1 was seen for free above
            "0303/2/29/c02f",
            "0303/2/28/c02f",
            "0303/2/27/c02f");

    @Test
    void fullEnumerationSendsTheSameHellosInTheSameOrder() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(SERVER)) {
            TlsResult r = new TlsEnumerator(Runners.FAST, EnumerationDepth.FULL, 400, Duration.ofMinutes(1), 1)
                    .enumerate(server.endpoint(), null);
            List<String> sent = server.offers.stream().map(o -> String.format("%04x/%d/%d/%s", o.version(),
                    o.suites().size(), o.groups().size(), o.suites().isEmpty() ? "-" : String.format("%04x", o.suites().get(0)))).toList();
            assertEquals(EXPECTED, sent);
            assertEquals(sent.size(), r.connectionsUsed());
            assertEquals(Map.of("TLSv1.3", List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
                    "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                            "TLS_RSA_WITH_AES_128_GCM_SHA256")), r.cipherSuites());
            assertEquals(Map.of("TLSv1.3", true, "TLSv1.2", true), r.serverPreference());
            assertEquals(List.of("x25519", "secp256r1"), r.groups());
            assertEquals(List.of("secp384r1", "secp256r1", "x25519"), r.curves());
        }
    }

    /**
     * TLS 1.2 only, four ECDHE suites in the client's order, and the curves in the client's order too (OpenSSL
     * without a server preference, JSSE): every suite hello names a curve not seen yet, because the offers put
     * those first, so the curve enumeration has only its final refusal left.
     */
    @Test
    void aServerFollowingTheClientsCurveOrderNamesANewCurveWithEveryEcdheSuite() throws Exception {
        List<Integer> suites = List.of(0xC02F, 0xC030, 0xCCA8, 0xC013);
        List<Integer> curves = List.of(23, 24, 29);
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> {
            if (offer.version() != TlsVersion.TLS12.code()) {
                return offer.version() == TlsVersion.SSLV2.code() ? new byte[0]
                        : ScriptedTlsServer.alert(AlertDescription.PROTOCOL_VERSION);
            }
            Integer suite = ScriptedTlsServer.pick(offer.suites(), suites); // the client's order
            Integer curve = ScriptedTlsServer.pick(offer.groups(), curves);
            return suite == null || curve == null ? ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE)
                    : ScriptedTlsServer.flight(0x0303, suite, curve);
        })) {
            TlsResult r = new TlsEnumerator(Runners.FAST, EnumerationDepth.FULL, 400, Duration.ofMinutes(1), 1)
                    .enumerate(server.endpoint(), null);
            List<Integer> allCurves = HelloOffers.legacyCurveCodes();
            assertEquals(curves.stream().sorted(java.util.Comparator.comparingInt(allCurves::indexOf))
                    .map(NamedGroup::name).toList(), r.curves(), "every curve, in our offer's order");
            List<ScriptedTlsServer.Offer> curveHellos = server.offers.stream()
                    .filter(o -> o.version() == TlsVersion.TLS12.code() && o.groups().size() < allCurves.size()).toList();
            assertEquals(1, curveHellos.size(), "only the final refusal: " + curveHellos);
            assertEquals(false, curveHellos.get(0).groups().stream().anyMatch(curves::contains));
            assertEquals(4, r.cipherSuites().get("TLSv1.2").size());
            assertEquals(false, r.serverPreference().get("TLSv1.2"));
        }
    }
}
