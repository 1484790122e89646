package io.smtpscope.engine;

import io.smtpscope.net.ConnectionSlots;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's limits count connections: an endpoint holds one slot of each, borrows another only while both
 * limits have one free and nobody waits for it, and gives it back. No network: the probe only borrows.
 */
class ConnectionSlotsTest {
    private static EndpointPlanner planner(Map<String, String> pins) {
        Profile p = Profile.builtIn();
        Resolver resolver = host -> List.of(InetAddress.getByName(pins.get(host)));
        return new EndpointPlanner(List.of(25), Map.of(25, p.modes().get(25)), Optional.empty(), ResolveOverrides.none(),
                resolver, true);
    }

    private static List<io.smtpscope.target.Target> targets(EndpointPlanner planner, String... hosts) {
        List<TargetSpec> specs = java.util.Arrays.stream(hosts).map(h -> TargetParser.parse(h + ":25")).toList();
        return planner.targets(specs);
    }

    /** Each endpoint borrows as many slots as it can get (up to 5), notes how many, and gives them back. */
    private static Map<String, Integer> borrowAll(int concurrency, int perAddress, Map<String, String> pins,
                                                  CountDownLatch together) {
        CountDownLatch borrowedAll = new CountDownLatch((int) together.getCount());
        Map<String, Integer> borrowed = new ConcurrentHashMap<>();
        ScanEngine engine = new ScanEngine(concurrency, perAddress, (Endpoint endpoint, ConnectionSlots slots) -> {
            together.countDown();
            try {
                together.await(5, TimeUnit.SECONDS); // every endpoint holds its own slot now, or waits for one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<ConnectionSlots.Slot> held = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                slots.borrow().ifPresent(held::add);
            }
            borrowed.put(endpoint.target().host(), held.size());
            borrowedAll.countDown();
            try {
                borrowedAll.await(5, TimeUnit.SECONDS); // nobody gives a slot back before all have borrowed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.forEach(ConnectionSlots.Slot::close);
            held.forEach(ConnectionSlots.Slot::close); // a second close gives nothing back twice
            return EndpointResult.unprobed(endpoint.target(), endpoint.addressText(), Reachability.OPEN, null, List.of());
        }, r -> r);
        EndpointPlanner planner = planner(pins);
        engine.scan(targets(planner, pins.keySet().stream().sorted().toArray(String[]::new)), planner, r -> { });
        return borrowed;
    }

    @Test
    void theGlobalLimitCountsConnections() {
        Map<String, Integer> borrowed = borrowAll(3, 5, Map.of("a.test", "127.0.0.1", "b.test", "127.0.0.2"),
                new CountDownLatch(2));
        // two endpoints hold 2 of 3 slots: one is left to borrow, by whichever asks first
        assertEquals(1, borrowed.values().stream().mapToInt(Integer::intValue).sum(), borrowed.toString());
    }

    @Test
    void thePerAddressLimitCountsConnectionsToo() {
        Map<String, Integer> borrowed = borrowAll(32, 2, Map.of("a.test", "127.0.0.1"), new CountDownLatch(1));
        assertEquals(Map.of("a.test", 1), borrowed, "own slot + one borrowed = the per-address limit of 2");
    }

    @Test
    void nothingIsBorrowedWhileAnEndpointWaitsToStart() {
        // concurrency 1: the second endpoint waits for the first one's slot, so the first may borrow nothing
        Map<String, Integer> borrowed = borrowAll(1, 2, Map.of("a.test", "127.0.0.1", "b.test", "127.0.0.2"),
                new CountDownLatch(1));
        assertEquals(Map.of("a.test", 0, "b.test", 0), borrowed);
    }
}
