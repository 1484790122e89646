package io.smtpscope.engine;

import io.smtpscope.dns.MxAnswer;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.FanOut;
import io.smtpscope.target.FanOutLimits;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Target;
import io.smtpscope.target.TargetParser;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS answers are another party's data: the MX hosts of a domain and the addresses of a name are scanned up to the
 * profile's limits, and MX hosts in loopback, link-local or private ranges only when the user allowed them.
 */
class FanOutTest {
    private static final MxLookup ZONE = domain -> switch (domain) {
        // 2,900 MX records, as in the answer that planned 2,900 endpoints
        case "many.test" -> new MxAnswer.Exchanges(IntStream.range(0, 2900)
                .mapToObj(i -> new MxAnswer.Exchange(i, "mx" + i + ".many.test")).toList());
        case "repeated.test" -> new MxAnswer.Exchanges(IntStream.range(0, 50)
                .mapToObj(i -> new MxAnswer.Exchange(10, i % 2 == 0 ? "a.repeated.test" : "b.repeated.test")).toList());
        case "private.test" -> new MxAnswer.Exchanges(List.of(new MxAnswer.Exchange(10, "mx.private.test")));
        case "literal.test" -> new MxAnswer.Exchanges(List.of(new MxAnswer.Exchange(10, "10.9.8.7")));
        case "implicit.test" -> new MxAnswer.Implicit();
        default -> new MxAnswer.Failed("NXDOMAIN");
    };

    /** Every name resolves to 40 public addresses, except the private MX host and the implicit MX. */
    private static final Resolver DNS = host -> switch (host) {
        case "mx.private.test" -> List.of(address("10.0.0.5"), address("192.0.2.7"), address("127.0.0.1"), address("fe80::1"));
        case "implicit.test", "intranet.test" -> List.of(address("192.168.1.25"));
        default -> IntStream.range(1, 41).mapToObj(i -> address("198.51.100." + i)).toList();
    };

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EndpointPlanner planner(boolean firstAddressOnly, ResolveOverrides pins, boolean allowPrivateMx) {
        return new EndpointPlanner(List.of(25), Map.of(), Optional.empty(), pins, DNS, firstAddressOnly, ZONE,
                FanOutLimits.defaults(), allowPrivateMx);
    }

    private static EndpointPlanner planner() {
        return planner(false, ResolveOverrides.none(), false);
    }

    private static List<Target> targets(EndpointPlanner planner, String... specs) {
        return planner.plan(java.util.Arrays.stream(specs).map(TargetParser::parse).toList()).targets();
    }

    @Test
    void aDomainWithThousandsOfMxHostsPlansOnlyTheFirstInPreferenceOrder() {
        List<Target> targets = targets(planner(), "mx:many.test");
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "mx" + i + ".many.test").toList(),
                targets.stream().map(Target::host).toList());
        assertTrue(targets.stream().allMatch(t -> new FanOut.Capped(2900, 10).equals(t.fanOut().mxHosts())),
                targets.get(0)::toString);
    }

    @Test
    void theMxLimitComesFromTheProfile() {
        EndpointPlanner planner = new EndpointPlanner(List.of(25), Map.of(), Optional.empty(), ResolveOverrides.none(), DNS,
                false, ZONE, new FanOutLimits(3, 10), false);
        assertEquals(3, targets(planner, "mx:many.test").size());
    }

    @Test
    void aHostRepeatedInTheMxAnswerCountsOnce() {
        List<Target> targets = targets(planner(), "mx:repeated.test");
        assertEquals(List.of("a.repeated.test", "b.repeated.test"), targets.stream().map(Target::host).toList());
        assertNull(targets.get(0).fanOut(), "two hosts are under the limit");
    }

    @Test
    void aNameWithManyAddressesIsScannedAtTheFirstOnesWhoeverNamedIt() {
        for (String spec : List.of("mail.named.test", "mx:many.test")) {
            Target target = targets(planner(), spec).get(0);
            EndpointPlanner.Planned planned = planner().endpoints(target);
            assertEquals(IntStream.range(1, 11).mapToObj(i -> "198.51.100." + i).toList(),
                    planned.endpoints().stream().map(Endpoint::addressText).toList(), spec);
            assertEquals(new FanOut.Capped(40, 10), planned.endpoints().get(0).target().fanOut().addresses(), spec);
        }
    }

    @Test
    void addressesPinnedWithResolveAreTheUsersListNotCapped() {
        List<String> pins = IntStream.range(1, 16).mapToObj(i -> "mail.named.test:203.0.113." + i).toList();
        EndpointPlanner planner = planner(false, ResolveOverrides.parse(pins), false);
        EndpointPlanner.Planned planned = planner.endpoints(targets(planner, "mail.named.test").get(0));
        assertEquals(15, planned.endpoints().size());
        assertNull(planned.endpoints().get(0).target().fanOut());
    }

    @Test
    void firstAddressOnlyIsTheUsersChoiceNotACap() {
        EndpointPlanner planner = planner(true, ResolveOverrides.none(), false);
        EndpointPlanner.Planned planned = planner.endpoints(targets(planner, "mail.named.test").get(0));
        assertEquals(1, planned.endpoints().size());
        assertNull(planned.endpoints().get(0).target().fanOut());
    }

    @Test
    void anMxHostInAPrivateLoopbackOrLinkLocalRangeIsNotScanned() {
        EndpointPlanner.Planned planned = planner().endpoints(targets(planner(), "mx:private.test").get(0));
        assertEquals(List.of("192.0.2.7"), planned.endpoints().stream().map(Endpoint::addressText).toList());
        assertEquals(List.of("10.0.0.5", "127.0.0.1", "fe80::1"), planned.notScanned().stream().map(EndpointResult::address).toList());
        for (EndpointResult refused : planned.notScanned()) {
            assertEquals(Reachability.NOT_SCANNED, refused.reachability());
            assertEquals("plan", refused.error().phase());
            assertEquals(ErrorKind.NOT_SCANNED, refused.error().kind());
            assertEquals("private.test", refused.mx().domain());
            assertNull(refused.smtp());
        }
        assertEquals("mx.private.test (MX of private.test) resolves to 10.0.0.5, in a private (RFC 1918) range: not scanned"
                + " (--allow-private-mx scans MX hosts in private, loopback and link-local ranges)",
                planned.notScanned().get(0).error().message());
        assertTrue(planned.notScanned().get(1).error().message().contains("loopback"));
        assertTrue(planned.notScanned().get(2).error().message().contains("link-local"));
    }

    @Test
    void anMxNamingAPrivateAddressOrAnImplicitMxThereIsNotScannedEither() {
        EndpointPlanner.Planned literal = planner().endpoints(targets(planner(), "mx:literal.test").get(0));
        assertEquals(List.of(), literal.endpoints());
        assertTrue(literal.notScanned().get(0).error().message().startsWith("the MX record of literal.test names 10.9.8.7"),
                literal.notScanned().get(0).error().message());
        EndpointPlanner.Planned implicit = planner().endpoints(targets(planner(), "mx:implicit.test").get(0));
        assertEquals(List.of(), implicit.endpoints());
        assertTrue(implicit.notScanned().get(0).error().message().startsWith("implicit.test (the implicit MX of implicit.test)"),
                implicit.notScanned().get(0).error().message());
    }

    @Test
    void theUserCanAskForPrivateRanges() {
        // --allow-private-mx
        EndpointPlanner allowing = planner(false, ResolveOverrides.none(), true);
        EndpointPlanner.Planned allowed = allowing.endpoints(targets(allowing, "mx:private.test").get(0));
        assertEquals(4, allowed.endpoints().size());
        assertEquals(List.of(), allowed.notScanned());
        // an address pinned with --resolve is the user's own choice
        EndpointPlanner pinning = planner(false, ResolveOverrides.parse(List.of("mx.private.test:10.0.0.5")), false);
        EndpointPlanner.Planned pinned = pinning.endpoints(targets(pinning, "mx:private.test").get(0));
        assertEquals(List.of("10.0.0.5"), pinned.endpoints().stream().map(Endpoint::addressText).toList());
        // and so is a host named directly
        EndpointPlanner.Planned named = planner().endpoints(targets(planner(), "intranet.test").get(0));
        assertEquals(List.of("192.168.1.25"), named.endpoints().stream().map(Endpoint::addressText).toList());
    }

    @Test
    void refusedAddressesCountTowardsTheAddressLimit() {
        List<InetAddress> many = new ArrayList<>();
        IntStream.range(1, 31).forEach(i -> many.add(address("10.0.0." + i)));
        EndpointPlanner planner = new EndpointPlanner(List.of(25), Map.of(), Optional.empty(), ResolveOverrides.none(),
                host -> many, false, ZONE, FanOutLimits.defaults(), false);
        EndpointPlanner.Planned planned = planner.endpoints(targets(planner, "mx:private.test").get(0));
        assertEquals(10, planned.notScanned().size(), "a hostile zone cannot make the report grow beyond the limit");
        assertEquals(new FanOut.Capped(30, 10), planned.notScanned().get(0).fanOut().addresses());
    }
}
