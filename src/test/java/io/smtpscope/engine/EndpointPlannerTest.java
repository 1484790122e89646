package io.smtpscope.engine;

import io.smtpscope.target.Endpoint;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.Mode;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Target;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointPlannerTest {
    /** Answers from a fixed table and records what was asked: no real DNS in tests. */
    private static final class FakeResolver implements Resolver {
        final List<String> asked = new ArrayList<>();
        final Map<String, List<InetAddress>> table;

        FakeResolver(Map<String, List<InetAddress>> table) {
            this.table = table;
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<InetAddress> a = table.get(host);
            if (a == null) {
                throw new UnknownHostException(host + ": Name or service not known");
            }
            return a;
        }
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static EndpointPlanner planner(Resolver resolver, ResolveOverrides overrides, boolean firstOnly) {
        Profile p = Profile.builtIn();
        return new EndpointPlanner(p.ports(), p.modes(), Optional.empty(), overrides, resolver, firstOnly);
    }

    private static List<TargetSpec> specs(String... texts) {
        return java.util.Arrays.stream(texts).map(TargetParser::parse).toList();
    }

    @Test
    void hostWithoutPortGetsTheProfilePortsAndTheirModes() {
        List<Target> targets = planner(h -> List.of(), ResolveOverrides.none(), false).targets(specs("mail.example.com"));
        assertEquals(List.of(25, 465, 587), targets.stream().map(Target::port).toList());
        assertEquals(List.of(Mode.STARTTLS, Mode.IMPLICIT_TLS, Mode.STARTTLS), targets.stream().map(Target::mode).toList());
        assertEquals("mail.example.com:465", targets.get(1).given());
    }

    @Test
    void explicitPortsUseTheModeDefaults() {
        List<Target> targets = planner(h -> List.of(), ResolveOverrides.none(), false)
                .targets(specs("a.example.com:465", "b.example.com:2525", "c.example.com:2465/implicit-tls"));
        assertEquals(List.of(Mode.IMPLICIT_TLS, Mode.STARTTLS, Mode.IMPLICIT_TLS), targets.stream().map(Target::mode).toList());
        assertEquals("b.example.com:2525", targets.get(1).given());
    }

    @Test
    void profileModesAndForcedModeApply() {
        EndpointPlanner custom = new EndpointPlanner(List.of(2525), Map.of(2525, Mode.PLAIN), Optional.empty(),
                ResolveOverrides.none(), h -> List.of(), false);
        assertEquals(Mode.PLAIN, custom.targets(specs("a.example.com")).get(0).mode());
        EndpointPlanner forced = new EndpointPlanner(List.of(25), Map.of(), Optional.of(Mode.IMPLICIT_TLS),
                ResolveOverrides.none(), h -> List.of(), false);
        List<Target> targets = forced.targets(specs("a.example.com", "b.example.com:26/plain"));
        assertEquals(Mode.IMPLICIT_TLS, targets.get(0).mode());
        assertEquals(Mode.PLAIN, targets.get(1).mode(), "a per-target suffix beats --mode");
    }

    @Test
    void duplicatesAreRemovedKeepingTheFirstSpelling() {
        List<Target> targets = planner(h -> List.of(), ResolveOverrides.none(), false)
                .targets(specs("mail.example.com:25", "MAIL.example.com.:25", "mail.example.com", "mail.example.com:25/plain"));
        assertEquals(List.of("mail.example.com:25|STARTTLS", "mail.example.com:465|IMPLICIT_TLS",
                        "mail.example.com:587|STARTTLS", "mail.example.com:25|PLAIN"),
                targets.stream().map(t -> t.host() + ":" + t.port() + "|" + t.mode().name()).toList());
        assertEquals("mail.example.com:25", targets.get(0).given());
    }

    @Test
    void everyAddressIsAnEndpointUnlessFirstAddressOnly() {
        FakeResolver dns = new FakeResolver(Map.of("mail.example.com", List.of(ip("192.0.2.1"), ip("2001:db8::1"), ip("192.0.2.1"))));
        Target target = new Target("mail.example.com:25", "mail.example.com", 25, Mode.STARTTLS);
        EndpointPlanner.Planned all = planner(dns, ResolveOverrides.none(), false).endpoints(target);
        assertNull(all.failure());
        assertEquals(List.of(ip("192.0.2.1"), ip("2001:db8::1")), all.endpoints().stream().map(Endpoint::address).toList());
        assertTrue(all.endpoints().stream().allMatch(e -> e.nameToCheck().equals("mail.example.com")));

        EndpointPlanner.Planned first = planner(dns, ResolveOverrides.none(), true).endpoints(target);
        assertEquals(List.of(ip("192.0.2.1")), first.endpoints().stream().map(Endpoint::address).toList());
    }

    @Test
    void pinnedNamesAndLiteralsNeverReachTheResolver() {
        FakeResolver dns = new FakeResolver(Map.of());
        ResolveOverrides pins = ResolveOverrides.parse(List.of("mail.good.test:127.0.0.1"));
        EndpointPlanner planner = planner(dns, pins, false);
        EndpointPlanner.Planned pinned = planner.endpoints(new Target("mail.good.test:25", "mail.good.test", 25, Mode.STARTTLS));
        assertEquals(List.of(ip("127.0.0.1")), pinned.endpoints().stream().map(Endpoint::address).toList());
        assertEquals("mail.good.test", pinned.endpoints().get(0).nameToCheck());
        EndpointPlanner.Planned literal = planner.endpoints(new Target("[::1]:25", "::1", 25, Mode.STARTTLS));
        assertEquals(List.of(ip("::1")), literal.endpoints().stream().map(Endpoint::address).toList());
        assertEquals(List.of(), dns.asked);
    }

    @Test
    void dnsFailureBecomesAFinishedDnsErrorResult() {
        FakeResolver dns = new FakeResolver(Map.of("empty.example.com", List.of()));
        EndpointPlanner planner = planner(dns, ResolveOverrides.none(), false);
        EndpointPlanner.Planned failed = planner.endpoints(new Target("nx.example.com:25", "nx.example.com", 25, Mode.STARTTLS));
        assertTrue(failed.endpoints().isEmpty());
        EndpointResult r = failed.failure();
        assertNotNull(r);
        assertEquals(Reachability.DNS_ERROR, r.reachability());
        assertEquals("dns", r.error().phase());
        assertEquals("dns-error", r.error().kind().label());
        assertTrue(r.error().message().contains("nx.example.com"), r.error().message());
        assertNull(r.address());
        assertEquals(25, r.port());
        assertEquals("nx.example.com:25", r.target());

        EndpointResult empty = planner.endpoints(new Target("empty.example.com:25", "empty.example.com", 25, Mode.STARTTLS)).failure();
        assertEquals(Reachability.DNS_ERROR, empty.reachability());
        assertTrue(empty.error().message().contains("no A or AAAA record"), empty.error().message());
    }

    @Test
    void resolverRuntimeFailureIsAlsoADnsError() {
        EndpointPlanner planner = planner(h -> { throw new IllegalStateException("resolver broke"); }, ResolveOverrides.none(), false);
        EndpointResult r = planner.endpoints(new Target("x.example.com:25", "x.example.com", 25, Mode.STARTTLS)).failure();
        assertEquals(Reachability.DNS_ERROR, r.reachability());
        assertTrue(r.error().message().contains("resolver broke"));
    }
}
