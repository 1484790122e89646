package io.smtpscope.engine;

import io.smtpscope.dns.MxAnswer;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.fuzz.RandomInputs;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.FanOutLimits;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Shard;
import io.smtpscope.target.Target;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over random target lists and random DNS (names sharing addresses, MX hosts shared between domains, names that do
 * not resolve, null MX, failed lookups, MX hosts in private ranges): the shards of a plan are complete and disjoint,
 * every address and every mail domain is in exactly one shard, and each shard — planned on its own, as on another
 * machine, by a resolver that returns its answers in a new order on every call — makes the same choice.
 */
class ShardPartitionPropertiesTest {
    /** One random world: what DNS answers, what the user listed, and how many shards. */
    record World(Map<String, List<String>> names, Map<String, MxAnswer> domains, List<String> targets, int shards) {
    }

    @Test
    void shardsAreCompleteDisjointAndKeepAddressesAndDomainsTogether() {
        RandomInputs.forAll(300, ShardPartitionPropertiesTest::world, world -> {
            List<TargetSpec> specs = world.targets().stream().map(TargetParser::parse).toList();
            EndpointPlanner.Plan whole = planner(world).plan(specs);
            Map<Target, Integer> targetShard = new LinkedHashMap<>();
            Map<String, Integer> finishedShard = new HashMap<>();
            Map<String, Set<Integer>> addressShards = new HashMap<>();
            Map<String, Set<Integer>> domainShards = new HashMap<>();
            for (int index = 0; index < world.shards(); index++) {
                Shard shard = new Shard(index, world.shards());
                EndpointPlanner planner = planner(world);
                EndpointPlanner.Plan part = ShardPartition.select(planner.plan(specs), planner, shard, 4);
                assertEquals(part, ShardPartition.select(planner(world).plan(specs), planner(world), shard, 3),
                        "the same choice on another machine");
                for (Target t : part.targets()) {
                    Integer before = targetShard.put(t, index);
                    assertEquals(null, before, () -> t + " in shards " + before + " and " + shard);
                    if (t.mx() != null) {
                        domainShards.computeIfAbsent(t.mx().domain(), d -> new HashSet<>()).add(index);
                    }
                    // The engine asks the planner again: it must get the addresses the shard was chosen on.
                    EndpointPlanner.Planned planned = planner.endpoints(t);
                    for (Endpoint e : planned.endpoints()) {
                        addressShards.computeIfAbsent(e.addressText(), a -> new HashSet<>()).add(index);
                    }
                    for (EndpointResult kept : planned.notScanned()) {
                        addressShards.computeIfAbsent(kept.address(), a -> new HashSet<>()).add(index);
                    }
                }
                for (EndpointResult f : part.finished()) {
                    assertEquals(null, finishedShard.put(f.target(), index), () -> f.target() + " in two shards");
                    domainShards.computeIfAbsent(f.mx().domain(), d -> new HashSet<>()).add(index);
                }
            }
            assertEquals(whole.targets(), List.copyOf(targetShard.keySet().stream()
                    .sorted(java.util.Comparator.comparingInt(whole.targets()::indexOf)).toList()), "every target in some shard");
            assertEquals(Set.copyOf(whole.targets()), targetShard.keySet());
            assertEquals(whole.finished().stream().map(EndpointResult::target).collect(java.util.stream.Collectors.toSet()),
                    finishedShard.keySet(), "every finished mail domain in some shard");
            addressShards.forEach((address, in) -> assertEquals(1, in.size(), () -> address + " scanned by shards " + in));
            domainShards.forEach((domain, in) -> assertEquals(1, in.size(), () -> domain + " split over shards " + in));
        });
    }

    /** One shard holds everything. */
    @Test
    void oneShardIsTheWholePlan() {
        RandomInputs.forAll(100, ShardPartitionPropertiesTest::world, world -> {
            List<TargetSpec> specs = world.targets().stream().map(TargetParser::parse).toList();
            EndpointPlanner planner = planner(world);
            EndpointPlanner.Plan whole = planner.plan(specs);
            assertEquals(whole, ShardPartition.select(whole, planner, new Shard(0, 1), 2));
        });
    }

    private static EndpointPlanner planner(World world) {
        AtomicInteger calls = new AtomicInteger();
        Resolver rotating = host -> {
            List<String> addresses = world.names().get(host);
            if (addresses == null || addresses.isEmpty()) {
                throw new UnknownHostException(host + ": NXDOMAIN");
            }
            List<InetAddress> out = new ArrayList<>();
            for (String a : addresses) {
                out.add(InetAddress.getByName(a));
            }
            java.util.Collections.rotate(out, calls.incrementAndGet());
            return out;
        };
        MxLookup mx = domain -> world.domains().getOrDefault(domain, new MxAnswer.Failed("NXDOMAIN " + domain));
        return new EndpointPlanner(List.of(25, 587), Map.of(), Optional.empty(), ResolveOverrides.none(),
                new RememberingResolver(rotating), false, mx, FanOutLimits.defaults(), false);
    }

    private static World world(RandomInputs in) {
        List<String> pool = new ArrayList<>();
        int addresses = in.between(1, 10);
        for (int i = 0; i < addresses; i++) {
            pool.add(in.pick("192.0.2.", "198.51.100.", "10.0.0.") + in.between(1, 6));
        }
        pool.add("2001:db8::" + in.between(1, 3));
        Map<String, List<String>> names = new LinkedHashMap<>();
        int nameCount = in.between(1, 12);
        for (int i = 0; i < nameCount; i++) {
            names.put("host" + i + ".test", in.list(0, 3, () -> in.pick(pool)));
        }
        List<String> hosts = List.copyOf(names.keySet());
        Map<String, MxAnswer> domains = new LinkedHashMap<>();
        int domainCount = in.between(0, 6);
        for (int i = 0; i < domainCount; i++) {
            String domain = "dom" + i + ".test";
            domains.put(domain, in.oneOf(
                    () -> new MxAnswer.Exchanges(in.list(1, 4, () -> new MxAnswer.Exchange(in.between(0, 20), in.pick(hosts)))),
                    () -> new MxAnswer.Exchanges(in.list(1, 2, () -> new MxAnswer.Exchange(10, in.pick(pool)))),
                    () -> {
                        names.put(domain, in.list(0, 2, () -> in.pick(pool)));
                        return new MxAnswer.Implicit();
                    },
                    MxAnswer.NullMx::new,
                    () -> new MxAnswer.Failed("SERVFAIL")));
        }
        List<String> targets = in.list(1, 25, () -> in.oneOf(
                () -> in.pick(hosts) + (in.bool() ? "" : ":" + in.pick("25", "2525", "465")),
                () -> "mx:dom" + in.between(0, 6) + ".test" + (in.bool() ? "" : ":2525"),
                () -> {
                    String a = in.pick(pool);
                    return a.contains(":") ? "[" + a + "]:25" : a;
                }));
        return new World(names, domains, targets, in.between(1, 8));
    }
}
