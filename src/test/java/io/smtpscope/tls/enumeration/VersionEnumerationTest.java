package io.smtpscope.tls.enumeration;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One hello per version, highest first; chunks for servers that drop big hellos; null only when untested. */
class VersionEnumerationTest {
    private static final List<Integer> SUITES = List.of(0xC030, 0xC02F, 0x009C, 0x002F);

    private static Map<TlsVersion, Boolean> only(TlsVersion accepted) {
        Map<TlsVersion, Boolean> expected = new LinkedHashMap<>();
        VersionEnumeration.HIGH_FIRST.forEach(v -> expected.put(v, v == accepted));
        return expected;
    }

    @Test
    void tls12OnlyServer() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            VersionEnumeration.Versions found = VersionEnumeration.enumerate(runner);
            assertEquals(only(TlsVersion.TLS12), found.accepted());
            assertEquals(List.copyOf(found.accepted().keySet()), VersionEnumeration.HIGH_FIRST, "highest first");
            assertEquals(0xC030, found.firstHello().get(TlsVersion.TLS12).cipherSuite(), "the server's first choice");
            assertEquals(Map.of(), found.untested());
            assertEquals(HelloOffers.WHOLE_LIST, found.suitesPerHello());
            assertEquals(6, runner.connections(), "one hello per version");
        }
    }

    @Test
    void serverThatDropsBigHellosGetsChunks() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, VersionEnumeration.SMALL_HELLO_SUITES)) {
            HelloRunner runner = Runners.to(server);
            VersionEnumeration.Versions found = VersionEnumeration.enumerate(runner);
            assertEquals(only(TlsVersion.TLS12), found.accepted());
            assertEquals(VersionEnumeration.SMALL_HELLO_SUITES, found.suitesPerHello());
            // TLS 1.3 (few suites), TLS 1.2 whole (dropped) + small, then one chunk each for TLS 1.1 to SSLv3, SSLv2
            assertEquals(7, runner.connections());
        }
    }

    @Test
    void chunksGoOnWhileTheAnswerIsNoCommonSuite() throws Exception {
        int seed = 0x0096; // far down the common-first order
        try (FakeTls12Server server = new FakeTls12Server(List.of(seed), true, VersionEnumeration.SMALL_HELLO_SUITES)) {
            VersionEnumeration.Versions found = VersionEnumeration.enumerate(Runners.to(server));
            assertEquals(true, found.accepted().get(TlsVersion.TLS12));
            assertEquals(seed, found.firstHello().get(TlsVersion.TLS12).cipherSuite());
        }
    }

    @Test
    void insufficientSecurityForAChunkAlsoSendsTheNext() throws Exception {
        // drops big hellos; says insufficient_security (RFC 5246 section 7.2.2) to chunks without its one suite
        int seed = 0x0096;
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> offer.suites().size() > VersionEnumeration.SMALL_HELLO_SUITES
                ? new byte[0]
                : offer.version() != TlsVersion.TLS12.code() ? ScriptedTlsServer.alert(AlertDescription.PROTOCOL_VERSION)
                : offer.suites().contains(seed) ? ScriptedTlsServer.flight(0x0303, seed, null)
                : ScriptedTlsServer.alert(AlertDescription.INSUFFICIENT_SECURITY))) {
            VersionEnumeration.Versions found = VersionEnumeration.enumerate(Runners.to(server.endpoint()));
            assertEquals(true, found.accepted().get(TlsVersion.TLS12));
            assertEquals(VersionEnumeration.SMALL_HELLO_SUITES, found.suitesPerHello());
        }
    }

    @Test
    void anAnswerAtAnotherVersionIsNotAcceptance() throws Exception {
        // a server that answers TLS 1.2 to every hello: TLS 1.1 and below were not accepted, just overridden
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> offer.tls13()
                ? ScriptedTlsServer.alert(AlertDescription.PROTOCOL_VERSION)
                : offer.suites().isEmpty() ? new byte[0] : ScriptedTlsServer.flight(0x0303, offer.suites().get(0), null))) {
            VersionEnumeration.Versions found = VersionEnumeration.enumerate(Runners.to(server.endpoint()));
            assertEquals(only(TlsVersion.TLS12), found.accepted());
        }
    }

    @Test
    void aVersionThatCouldNotBeTestedIsNullWithItsReason() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(Runners.endpoint(server), (endpoint, deadline) -> {
                throw new StartTlsOpener.RefusedException("greeting 554", false);
            });
            VersionEnumeration.Versions found = VersionEnumeration.enumerate(runner);
            assertTrue(found.accepted().values().stream().allMatch(java.util.Objects::isNull), found.accepted().toString());
            assertEquals(VersionEnumeration.HIGH_FIRST, List.copyOf(found.untested().keySet()));
            assertEquals("greeting 554", found.untested().get(TlsVersion.TLS13));
            assertNull(found.firstHello().get(TlsVersion.TLS12));
        }
    }
}
