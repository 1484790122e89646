package io.smtpscope.tls.enumeration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Offer, note, remove, repeat: the accepted suites in the server's order, and whether it enforces that order. */
class LegacySuiteEnumerationTest {
    private static final List<Integer> SERVER_SUITES = List.of(0xC030, 0xC02F, 0x009C, 0x002F);

    /** The version hello's answer, as the version enumeration hands it over. */
    private static ServerFlight.Hello firstHello(HelloRunner runner) {
        return runner.hello(TlsVersion.TLS12, HelloOffers.codes(HelloOffers.suites(TlsVersion.TLS12)),
                HelloOffers.allGroups(TlsVersion.TLS12)).accepted(TlsVersion.TLS12).orElseThrow();
    }

    private static LegacySuiteEnumeration.Suites done(Enumeration.Attempt<LegacySuiteEnumeration.Suites> attempt) {
        if (attempt instanceof Enumeration.Attempt.Done<LegacySuiteEnumeration.Suites> done) {
            return done.result();
        }
        return fail("expected a suite list: " + attempt);
    }

    @Test
    void serverOrderIsFollowedAndDetected() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), HelloOffers.WHOLE_LIST));
            assertEquals(SERVER_SUITES, found.accepted());
            assertEquals(true, found.serverOrder());
            // the first hello, 3 more accepted, 1 refused; no reversed hello: the server passed over suites we
            // offered first, which shows its order (OrderEvidence)
            assertEquals(5, runner.connections());
        }
    }

    @Test
    void theVersionHellosOwnAnswerCanShowTheOrder() throws Exception {
        // the server's favourite is our last; after it, its order agrees with ours: only the first answer tells
        List<Integer> ours = HelloOffers.codes(HelloOffers.suites(TlsVersion.TLS12)).stream()
                .filter(SERVER_SUITES::contains).toList();
        List<Integer> order = new java.util.ArrayList<>(ours.subList(ours.size() - 1, ours.size()));
        order.addAll(ours.subList(0, ours.size() - 1));
        List<Integer> whole = HelloOffers.codes(HelloOffers.suites(TlsVersion.TLS12));
        try (FakeTls12Server server = new FakeTls12Server(order, true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), whole, HelloOffers.WHOLE_LIST));
            assertEquals(order, found.accepted());
            assertEquals(true, found.serverOrder());
            assertEquals(5, runner.connections()); // no reversed hello
        }
        try (FakeTls12Server server = new FakeTls12Server(order, true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), HelloOffers.WHOLE_LIST)); // the first offer unknown: ask
            assertEquals(true, found.serverOrder());
            assertEquals(6, runner.connections());
        }
    }

    @Test
    void anEnforcedOrderThatAgreesWithOursIsAskedWithTheReversedHello() throws Exception {
        List<Integer> ours = HelloOffers.codes(HelloOffers.suites(TlsVersion.TLS12)).stream()
                .filter(SERVER_SUITES::contains).toList();
        try (FakeTls12Server server = new FakeTls12Server(ours, true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), HelloOffers.WHOLE_LIST));
            assertEquals(ours, found.accepted());
            assertEquals(true, found.serverOrder());
            // every answer was the first accepted suite offered: nothing shown, so 1 reversed hello asks
            assertEquals(6, runner.connections());
        }
    }

    @Test
    void clientOrderIsDetected() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, false, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), HelloOffers.WHOLE_LIST));
            assertEquals(Set.copyOf(SERVER_SUITES), Set.copyOf(found.accepted()));
            assertEquals(false, found.serverOrder());
        }
    }

    @Test
    void oneSuiteHasNoOrderToEnforce() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(List.of(0x002F), true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), HelloOffers.WHOLE_LIST));
            assertEquals(List.of(0x002F), found.accepted());
            assertNull(found.serverOrder());
            assertEquals(2, runner.connections(), "the first hello and one refused; no reversed hello");
        }
    }

    @Test
    void aChoiceThatWasNotOfferedMakesTheListUntested() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, Integer.MAX_VALUE)) {
            HelloRunner runner = Runners.to(server);
            ServerFlight.Hello tls13Suite = new ServerFlight.Hello(0x0303, 0x1301, false, null, Set.of(), null, List.of(),
                    null, null, true);
            Enumeration.Attempt<LegacySuiteEnumeration.Suites> attempt = LegacySuiteEnumeration.enumerate(runner,
                    TlsVersion.TLS12, tls13Suite, HelloOffers.WHOLE_LIST);
            assertEquals("the server chose 0x1301, which was not offered",
                    assertInstanceOf(Enumeration.Attempt.CouldNotTest.class, attempt).reason());
            assertEquals(0, runner.connections());
        }
    }

    @Test
    void aFailedHelloMidwayLeavesTheListUnknown() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, Integer.MAX_VALUE)) {
            AtomicInteger opened = new AtomicInteger();
            HelloRunner.Opener real = HelloRunner.startTls(Runners.FAST);
            HelloRunner runner = Runners.to(Runners.endpoint(server), (endpoint, deadline) -> {
                if (opened.incrementAndGet() > 2) {
                    throw new StartTlsOpener.RefusedException("STARTTLS answered 554", false);
                }
                return real.open(endpoint, deadline);
            });
            Enumeration.Attempt<LegacySuiteEnumeration.Suites> attempt = LegacySuiteEnumeration.enumerate(runner,
                    TlsVersion.TLS12, firstHello(runner), HelloOffers.WHOLE_LIST);
            assertEquals("STARTTLS answered 554", assertInstanceOf(Enumeration.Attempt.CouldNotTest.class, attempt).reason());
        }
    }

    @Test
    void chunksFindSuitesInEveryChunk() throws Exception {
        // 0x0096 sorts far down the common-first order: only a later chunk reaches it
        List<Integer> suites = List.of(0xC02F, 0x0096);
        try (FakeTls12Server server = new FakeTls12Server(suites, true, VersionEnumeration.SMALL_HELLO_SUITES)) {
            HelloRunner runner = Runners.to(server);
            ServerFlight.Hello first = runner.hello(TlsVersion.TLS12, HelloOffers.chunk(HelloOffers.codes(
                    HelloOffers.suites(TlsVersion.TLS12, VersionEnumeration.SMALL_HELLO_SUITES)),
                    VersionEnumeration.SMALL_HELLO_SUITES), HelloOffers.allGroups(TlsVersion.TLS12))
                    .accepted(TlsVersion.TLS12).orElseThrow();
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12, first,
                    VersionEnumeration.SMALL_HELLO_SUITES));
            assertEquals(suites, found.accepted());
            assertEquals(true, found.serverOrder());
        }
    }

    @Test
    void onlyOlderVersionsAreEnumeratedThisWay() {
        assertThrows(IllegalArgumentException.class, () -> new LegacySuiteEnumeration(TlsVersion.TLS13));
        assertThrows(IllegalArgumentException.class, () -> new LegacySuiteEnumeration(TlsVersion.SSLV2));
    }

    /** TLS 1.2 with three ECDHE suites in the server's order; its curves in the client's order, or in its own. */
    private static ScriptedTlsServer ecdheServer(List<Integer> curves, boolean clientCurveOrder) throws Exception {
        List<Integer> suites = List.of(0xC030, 0xC02F, 0xC013);
        return new ScriptedTlsServer(offer -> {
            Integer suite = ScriptedTlsServer.pick(suites, offer.suites());
            Integer curve = clientCurveOrder ? ScriptedTlsServer.pick(offer.groups(), curves)
                    : ScriptedTlsServer.pick(curves, offer.groups());
            return offer.tls13() || suite == null || curve == null ? ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE)
                    : ScriptedTlsServer.flight(0x0303, suite, curve);
        });
    }

    @Test
    void aServerFollowingTheClientsCurveOrderNamesANewCurveWithEachSuite() throws Exception {
        List<Integer> curves = List.of(24, 23, 29, 25);
        try (ScriptedTlsServer server = ecdheServer(curves, true)) {
            HelloRunner runner = Runners.to(server.endpoint());
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), HelloOffers.WHOLE_LIST));
            assertEquals(List.of(0xC030, 0xC02F, 0xC013), found.accepted(), "the suites are what they were");
            List<Integer> ours = HelloOffers.legacyCurveCodes().stream().filter(curves::contains).toList();
            assertEquals(ours.subList(0, 3), found.curvesSeen(), "one new curve per accepted suite, in our order");
            // the same set of groups in every hello: only the order changes, so the suites cannot
            for (ScriptedTlsServer.Offer offer : server.offers) {
                assertEquals(Set.copyOf(HelloOffers.allGroups(TlsVersion.TLS12)), Set.copyOf(offer.groups()));
            }
        }
    }

    @Test
    void aServerWithItsOwnCurveOrderShowsItsFavouriteOnly() throws Exception {
        try (ScriptedTlsServer server = ecdheServer(List.of(24, 23, 29), false)) {
            HelloRunner runner = Runners.to(server.endpoint());
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    firstHello(runner), HelloOffers.WHOLE_LIST));
            assertEquals(List.of(24), found.curvesSeen());
        }
    }

    @Test
    void unseenCurvesFirstKeepsTheSetAndMovesOnlyTheSeen() {
        List<Integer> all = HelloOffers.allGroups(TlsVersion.TLS12);
        List<Integer> reordered = HelloOffers.unseenCurvesFirst(TlsVersion.TLS12, List.of(all.get(0), all.get(2)));
        assertEquals(Set.copyOf(all), Set.copyOf(reordered));
        assertEquals(all.size(), reordered.size());
        assertEquals(List.of(all.get(0), all.get(2)), reordered.subList(all.size() - 2, all.size()));
        assertEquals(all, HelloOffers.unseenCurvesFirst(TlsVersion.TLS12, List.of()));
        assertEquals(HelloOffers.allGroups(TlsVersion.TLS13), HelloOffers.unseenCurvesFirst(TlsVersion.TLS13, List.of(29)));
    }

    @Test
    void curvesChosenUnderEcdsaSignedSuitesAreLeftToTheCurveEnumeration() throws Exception {
        // ECDSA suites only, the curves in the client's order: after the version hello, the suite answers name
        // curves the server may accept only beside its certificate's curve (RFC 8422 section 5.1)
        List<Integer> suites = List.of(0xC02C, 0xC02B, 0xC009);
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> {
            Integer suite = ScriptedTlsServer.pick(suites, offer.suites());
            Integer curve = ScriptedTlsServer.pick(offer.groups(), List.of(23, 24, 29));
            return offer.tls13() || suite == null || curve == null ? ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE)
                    : ScriptedTlsServer.flight(0x0303, suite, curve);
        })) {
            HelloRunner runner = Runners.to(server.endpoint());
            ServerFlight.Hello first = firstHello(runner);
            LegacySuiteEnumeration.Suites found = done(LegacySuiteEnumeration.enumerate(runner, TlsVersion.TLS12,
                    first, HelloOffers.WHOLE_LIST));
            assertEquals(3, found.accepted().size());
            assertEquals(List.of(first.ecdheCurve()), found.curvesSeen());
        }
    }
}
