package io.smtpscope.engine;

import io.smtpscope.probe.Endpoint;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Mode;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Target;
import io.smtpscope.target.TargetSpec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands what the user asked for into targets (host x port x mode, without duplicates), and each target
 * into endpoints (one per address unless only the first is wanted). A name that does not resolve becomes
 * a finished {@code dns-error} result, never an exception.
 */
public final class EndpointPlanner {
    private final List<Integer> defaultPorts;
    private final Map<Integer, Mode> portModes;
    private final Optional<Mode> forcedMode;
    private final ResolveOverrides overrides;
    private final Resolver resolver;
    private final boolean firstAddressOnly;

    public EndpointPlanner(List<Integer> defaultPorts, Map<Integer, Mode> portModes, Optional<Mode> forcedMode,
                           ResolveOverrides overrides, Resolver resolver, boolean firstAddressOnly) {
        this.defaultPorts = List.copyOf(defaultPorts);
        this.portModes = Map.copyOf(portModes);
        this.forcedMode = forcedMode;
        this.overrides = overrides;
        this.resolver = resolver;
        this.firstAddressOnly = firstAddressOnly;
    }

    public List<Target> targets(List<TargetSpec> specs) {
        Set<Target> unique = new LinkedHashSet<>();
        for (TargetSpec spec : specs) {
            List<Integer> ports = spec.port().map(List::of).orElse(defaultPorts);
            for (int port : ports) {
                Mode mode = spec.mode().or(() -> forcedMode)
                        .orElseGet(() -> portModes.getOrDefault(port, Mode.defaultFor(port)));
                String given = spec.port().isPresent() ? spec.given() : spec.given() + ":" + port;
                unique.add(new Target(given, spec.host(), port, mode));
            }
        }
        // Two spellings of one host, port and mode are one target: keep the first.
        List<Target> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Target t : unique) {
            if (seen.add(t.host() + "|" + t.port() + "|" + t.mode())) {
                out.add(t);
            }
        }
        return out;
    }

    /** Either endpoints to probe, or a finished result saying why there are none. */
    public record Planned(List<Endpoint> endpoints, EndpointResult failure) {
    }

    public Planned endpoints(Target target) {
        Optional<List<InetAddress>> pinned = overrides.lookup(target.host());
        List<InetAddress> addresses;
        if (pinned.isPresent()) {
            addresses = pinned.get();
        } else {
            try {
                addresses = HostSyntax.isIpLiteral(target.host())
                        ? List.of(InetAddress.getByName(target.host()))
                        : resolver.resolve(target.host());
            } catch (UnknownHostException | RuntimeException e) {
                return new Planned(List.of(), dnsFailure(target, e));
            }
        }
        if (addresses.isEmpty()) {
            return new Planned(List.of(), dnsFailure(target, new UnknownHostException("no A or AAAA record")));
        }
        List<InetAddress> chosen = firstAddressOnly ? addresses.subList(0, 1) : addresses;
        return new Planned(chosen.stream().distinct().map(a -> new Endpoint(target, a, target.host())).toList(), null);
    }

    private static EndpointResult dnsFailure(Target target, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return EndpointResult.observed(target.given(), target.host(), null, target.port(), target.mode(),
                Reachability.DNS_ERROR, null, null, null, null,
                new ProbeError("dns", "dns-error", "cannot resolve " + target.host() + ": " + reason),
                List.of("* DNS lookup of " + target.host() + " failed: " + reason));
    }
}
