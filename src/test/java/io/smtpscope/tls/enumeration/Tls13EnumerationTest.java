package io.smtpscope.tls.enumeration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** TLS 1.3 suites and groups from HelloRetryRequests, one of each per hello. */
class Tls13EnumerationTest {
    private static final int X25519 = 29;
    private static final int SECP256R1 = 23;

    /** A TLS 1.3-only server: a HelloRetryRequest for its pick (its order or the client's), else handshake_failure. */
    private static Function<ScriptedTlsServer.Offer, byte[]> tls13(List<Integer> suites, List<Integer> groups, boolean serverOrder) {
        return offer -> {
            if (!offer.tls13()) {
                return ScriptedTlsServer.alert(AlertDescription.PROTOCOL_VERSION);
            }
            Integer suite = serverOrder ? ScriptedTlsServer.pick(suites, offer.suites()) : ScriptedTlsServer.pick(offer.suites(), suites);
            Integer group = ScriptedTlsServer.pick(groups, offer.groups());
            return suite == null || group == null ? ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE)
                    : ScriptedTlsServer.helloRetry(suite, group);
        };
    }

    private static Tls13Enumeration.Tls13 enumerate(HelloRunner runner) {
        ServerFlight.Hello first = runner.hello(TlsVersion.TLS13, HelloOffers.codes(HelloOffers.suites(TlsVersion.TLS13)),
                HelloOffers.allGroups(TlsVersion.TLS13)).accepted(TlsVersion.TLS13).orElseThrow();
        return Tls13Enumeration.enumerate(runner, first, HelloOffers.WHOLE_LIST);
    }

    @Test
    void suitesAndGroupsInTheServersOrder() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(tls13(List.of(0x1302, 0x1301), List.of(X25519, SECP256R1), true))) {
            HelloRunner runner = Runners.to(server.endpoint());
            Tls13Enumeration.Tls13 found = enumerate(runner);
            assertEquals(List.of(0x1302, 0x1301), found.suites());
            assertEquals(List.of(X25519, SECP256R1), found.groups());
            assertEquals(true, found.serverOrder());
            assertNull(found.untested());
            // first, one more pick of both, both refused, suites left with every group refused, groups left with
            // every suite refused, reversed order
            assertEquals(6, runner.connections());
            assertEquals(6, server.offers.size());
        }
    }

    @Test
    void clientOrderIsDetected() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(tls13(List.of(0x1302, 0x1301), List.of(X25519), false))) {
            Tls13Enumeration.Tls13 found = enumerate(Runners.to(server.endpoint()));
            assertEquals(List.of(0x1301, 0x1302), found.suites(), "our order: the registry's");
            assertEquals(false, found.serverOrder());
        }
    }

    @Test
    void suitesGoOnAloneOnceTheGroupsRunOut() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(tls13(List.of(0x1301, 0x1302, 0x1303), List.of(X25519), true))) {
            Tls13Enumeration.Tls13 found = enumerate(Runners.to(server.endpoint()));
            assertEquals(List.of(0x1301, 0x1302, 0x1303), found.suites());
            assertEquals(List.of(X25519), found.groups());
        }
    }

    @Test
    void aGroupThatWasNotOfferedLeavesTheGroupsUntestedButNotTheSuites() throws Exception {
        // a broken server that always asks for x25519, offered or not
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> {
            Integer suite = ScriptedTlsServer.pick(List.of(0x1301, 0x1302), offer.suites());
            return suite == null ? ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE)
                    : ScriptedTlsServer.helloRetry(suite, X25519);
        })) {
            Tls13Enumeration.Tls13 found = enumerate(Runners.to(server.endpoint()));
            assertEquals(List.of(0x1301, 0x1302), found.suites());
            assertNull(found.groups());
            assertEquals("groups: the server chose 0x001D, which was not offered", found.untested());
        }
    }
}
