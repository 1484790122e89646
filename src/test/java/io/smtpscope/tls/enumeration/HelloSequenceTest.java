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
}
