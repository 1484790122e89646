package io.smtpscope.tls.enumeration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/** ECDHE curves from the ServerKeyExchange, one per hello, until the server refuses. */
class CurveEnumerationTest {
    private static final int ECDHE_RSA_AES128_GCM = 0xC02F;
    private static final List<Integer> ECDHE = List.of(ECDHE_RSA_AES128_GCM);
    private static final int SECP256R1 = 23;
    private static final int SECP384R1 = 24;
    private static final int X25519 = 29;

    /** TLS 1.2 with one ECDHE suite and {@code curves} in its own order; handshake_failure when none is offered. */
    private static Function<ScriptedTlsServer.Offer, byte[]> ecdheServer(List<Integer> curves) {
        return offer -> {
            Integer curve = ScriptedTlsServer.pick(curves, offer.groups());
            return offer.tls13() || curve == null ? ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE)
                    : ScriptedTlsServer.flight(0x0303, ECDHE_RSA_AES128_GCM, curve);
        };
    }

    private static List<Integer> curves(Enumeration.Attempt<CurveEnumeration.Curves> attempt) {
        if (attempt instanceof Enumeration.Attempt.Done<CurveEnumeration.Curves> done) {
            assertEquals(TlsVersion.TLS12, done.result().version());
            return done.result().curves();
        }
        return fail("expected curves: " + attempt);
    }

    @Test
    void curvesInTheServersOrder() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(ecdheServer(List.of(SECP384R1, SECP256R1, X25519)))) {
            HelloRunner runner = Runners.to(server.endpoint());
            assertEquals(List.of(SECP384R1, SECP256R1, X25519), curves(CurveEnumeration.enumerate(runner, TlsVersion.TLS12, ECDHE, List.of())));
            assertEquals(4, runner.connections(), "three accepted, one refused");
            assertEquals(ECDHE, server.offers.get(0).suites(), "only the ECDHE suites the server accepted");
        }
    }

    @Test
    void curvesSeenDuringTheSuiteListCostOnlyTheFinalRefusal() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(ecdheServer(List.of(SECP384R1, SECP256R1, X25519)))) {
            HelloRunner runner = Runners.to(server.endpoint());
            assertEquals(List.of(X25519, SECP256R1, SECP384R1),
                    curves(CurveEnumeration.enumerate(runner, TlsVersion.TLS12, ECDHE, List.of(X25519, SECP256R1, SECP384R1))));
            assertEquals(1, runner.connections(), "only the hello that hears no curve is left");
            assertEquals(false, server.offers.get(0).groups().contains(SECP384R1), "the curves seen are not offered again");
        }
    }

    @Test
    void theFirstCurveSeenEarlierCostsNoHello() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(ecdheServer(List.of(SECP384R1, SECP256R1, X25519)))) {
            HelloRunner runner = Runners.to(server.endpoint());
            assertEquals(List.of(SECP384R1, SECP256R1, X25519),
                    curves(CurveEnumeration.enumerate(runner, TlsVersion.TLS12, ECDHE, List.of(SECP384R1))));
            assertEquals(3, runner.connections());
        }
    }

    @Test
    void noCommonCurveIsAnEmptyListNotUnknown() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(ecdheServer(List.of(0x11EC)))) { // not a TLS 1.2 curve
            assertEquals(List.of(), curves(CurveEnumeration.enumerate(Runners.to(server.endpoint()), TlsVersion.TLS12, ECDHE, List.of())));
        }
    }

    @Test
    void anAnswerWithoutServerKeyExchangeIsCouldNotTest() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> ScriptedTlsServer.flight(0x0303, ECDHE_RSA_AES128_GCM, null))) {
            Enumeration.Attempt<CurveEnumeration.Curves> attempt = CurveEnumeration.enumerate(Runners.to(server.endpoint()),
                    TlsVersion.TLS12, ECDHE, List.of());
            assertEquals("no ECDHE curve in the answer", assertInstanceOf(Enumeration.Attempt.CouldNotTest.class, attempt).reason());
        }
    }

    @Test
    void aCurveThatWasNotOfferedKeepsWhatIsCertain() throws Exception {
        // a broken server that names secp384r1 whatever is offered
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> ScriptedTlsServer.flight(0x0303, ECDHE_RSA_AES128_GCM, SECP384R1))) {
            assertEquals(List.of(SECP384R1), curves(CurveEnumeration.enumerate(Runners.to(server.endpoint()), TlsVersion.TLS12, ECDHE, List.of())));
        }
    }
}
