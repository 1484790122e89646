package io.smtpscope.engine;

import io.smtpscope.dns.MxAnswer;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.Mode;
import io.smtpscope.target.MxOrigin;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Target;
import io.smtpscope.target.TargetParser;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mail domains become their MX hosts (RFC 5321 section 5.1); a domain with nothing to scan becomes one finished result. */
class MxExpansionTest {
    private static final Map<String, MxAnswer> ZONE = Map.of(
            "a.test", new MxAnswer.Exchanges(List.of(new MxAnswer.Exchange(10, "mx1.a.test"), new MxAnswer.Exchange(20, "mx.shared.test"))),
            "b.test", new MxAnswer.Exchanges(List.of(new MxAnswer.Exchange(5, "mx.shared.test"), new MxAnswer.Exchange(5, "mx2.b.test"))),
            "implicit.test", new MxAnswer.Implicit(),
            "nullmx.test", new MxAnswer.NullMx(),
            "literal.test", new MxAnswer.Exchanges(List.of(new MxAnswer.Exchange(10, "192.0.2.25"))));

    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final MxLookup lookup = domain -> {
        lookups.computeIfAbsent(domain, d -> new AtomicInteger()).incrementAndGet();
        return ZONE.getOrDefault(domain, new MxAnswer.Failed("MX lookup of " + domain + " failed: NXDOMAIN (the domain does not exist)"));
    };

    private EndpointPlanner planner(Resolver resolver) {
        return new EndpointPlanner(List.of(25, 465, 587), Map.of(), Optional.empty(), ResolveOverrides.none(), resolver,
                false, lookup);
    }

    private EndpointPlanner.Plan plan(String... targets) {
        return planner(host -> { throw new UnknownHostException("no DNS in this test"); })
                .plan(java.util.Arrays.stream(targets).map(TargetParser::parse).toList());
    }

    @Test
    void mxHostsComeInPreferenceOrderOnPort25WithTheirOrigin() {
        EndpointPlanner.Plan plan = plan("mx:a.test");
        assertEquals(List.of(new Target("mx1.a.test:25", "mx1.a.test", 25, Mode.STARTTLS, MxOrigin.exchange("a.test", 10, "mx1.a.test")),
                new Target("mx.shared.test:25", "mx.shared.test", 25, Mode.STARTTLS, MxOrigin.exchange("a.test", 20, "mx.shared.test"))),
                plan.targets());
        assertEquals(List.of(), plan.finished());
    }

    @Test
    void aPortAndModeGivenWithTheDomainApplyToEveryMxHost() {
        List<Target> targets = plan("mx:a.test:2525/implicit-tls").targets();
        assertEquals(List.of("mx1.a.test:2525/implicit-tls", "mx.shared.test:2525/implicit-tls"), targets.stream().map(Target::given).toList());
        assertTrue(targets.stream().allMatch(t -> t.port() == 2525 && t.mode() == Mode.IMPLICIT_TLS));
    }

    @Test
    void aHostSharedByTwoDomainsIsScannedOnceForTheFirst() {
        List<Target> targets = plan("mx:a.test", "mx:b.test", "mx:a.test").targets();
        assertEquals(List.of("mx1.a.test", "mx.shared.test", "mx2.b.test"), targets.stream().map(Target::host).toList());
        assertEquals("a.test", targets.get(1).mx().domain());
        assertEquals(1, lookups.get("a.test").get(), "each domain is looked up once");
    }

    @Test
    void aNamedHostAndAnMxHostAreOneTargetTheFirstWins() {
        List<Target> targets = plan("mx.shared.test:25", "mx:b.test").targets();
        assertEquals(List.of("mx.shared.test", "mx2.b.test"), targets.stream().map(Target::host).toList());
        assertNull(targets.get(0).mx());
        // Other profile ports of the named host stay.
        assertEquals(4, plan("mx.shared.test", "mx:b.test").targets().size());
    }

    @Test
    void noMxRecordMakesTheDomainItsOwnMx() {
        assertEquals(List.of(new Target("implicit.test:25", "implicit.test", 25, Mode.STARTTLS, MxOrigin.implicitFor("implicit.test"))),
                plan("mx:implicit.test").targets());
    }

    @Test
    void nullMxAndFailedLookupsAreFinishedResultsAndNeverStopTheOthers() {
        EndpointPlanner.Plan plan = plan("mx:nullmx.test", "mx:missing.test", "mx:a.test");
        assertEquals(2, plan.targets().size());
        EndpointResult nullMx = plan.finished().get(0);
        assertEquals("mx:nullmx.test", nullMx.target());
        assertEquals(Reachability.DNS_ERROR, nullMx.reachability());
        assertEquals(MxOrigin.nullMx("nullmx.test"), nullMx.mx());
        assertTrue(nullMx.mx().isNullMx());
        assertTrue(nullMx.error().message().contains("null MX (RFC 7505)"), nullMx.error().message());
        EndpointResult missing = plan.finished().get(1);
        assertEquals(new MxOrigin("missing.test", null, null, false), missing.mx());
        assertEquals("dns-error", missing.error().kind().label());
        assertEquals("MX lookup of missing.test failed: NXDOMAIN (the domain does not exist)", missing.error().message());
        assertEquals(25, missing.port());
    }

    @Test
    void aLookupThatThrowsIsAFailedDomainNotACrash() {
        EndpointPlanner planner = new EndpointPlanner(List.of(25), Map.of(), Optional.empty(), ResolveOverrides.none(),
                host -> List.of(), false, domain -> { throw new IllegalStateException("boom"); });
        EndpointPlanner.Plan plan = planner.plan(List.of(TargetParser.parse("mx:a.test")));
        assertEquals(List.of(), plan.targets());
        assertTrue(plan.finished().get(0).error().message().contains("boom"));
    }

    @Test
    void anMxHostThatDoesNotResolveKeepsItsOrigin() {
        EndpointPlanner planner = planner(host -> { throw new UnknownHostException("A lookup: NXDOMAIN"); });
        Target target = planner.plan(List.of(TargetParser.parse("mx:a.test"))).targets().get(0);
        EndpointResult failure = planner.endpoints(target).failure();
        assertEquals("cannot resolve mx1.a.test: A lookup: NXDOMAIN", failure.error().message());
        assertEquals(MxOrigin.exchange("a.test", 10, "mx1.a.test"), failure.mx());
    }

    @Test
    void anMxPointingAtAnAddressIsScannedAtThatAddressWithoutDns() throws Exception {
        EndpointPlanner planner = planner(host -> { throw new AssertionError("no lookup for a literal"); });
        Target target = planner.plan(List.of(TargetParser.parse("mx:literal.test"))).targets().get(0);
        assertEquals(List.of(InetAddress.getByName("192.0.2.25")),
                planner.endpoints(target).endpoints().stream().map(e -> e.address()).toList());
    }
}
