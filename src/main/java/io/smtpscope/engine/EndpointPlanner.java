package io.smtpscope.engine;

import io.smtpscope.dns.MxAnswer;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.target.Endpoint;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Mode;
import io.smtpscope.target.MxOrigin;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Target;
import io.smtpscope.target.TargetSpec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Expands what the user asked for into targets (host x port x mode, without duplicates), and each target
 * into endpoints (one per address unless only the first is wanted). A name that does not resolve becomes
 * a finished {@code dns-error} result, never an exception. A mail domain ({@code mx:DOMAIN}) becomes its MX
 * hosts in preference order (RFC 5321 section 5.1), on port 25 unless the spec names a port: MX hosts receive
 * mail from other servers, which only ever use port 25.
 */
public final class EndpointPlanner {
    private final List<Integer> defaultPorts;
    private final Map<Integer, Mode> portModes;
    private final Optional<Mode> forcedMode;
    private final ResolveOverrides overrides;
    private final Resolver resolver;
    private final boolean firstAddressOnly;
    private final MxLookup mxLookup;

    /** MX hosts are scanned on this port unless {@code mx:DOMAIN:PORT} says otherwise (RFC 5321 section 5.1). */
    public static final int MX_DEFAULT_PORT = 25;

    public EndpointPlanner(List<Integer> defaultPorts, Map<Integer, Mode> portModes, Optional<Mode> forcedMode,
                           ResolveOverrides overrides, Resolver resolver, boolean firstAddressOnly) {
        this(defaultPorts, portModes, forcedMode, overrides, resolver, firstAddressOnly,
                domain -> new MxAnswer.Failed("no MX resolver configured for " + domain));
    }

    public EndpointPlanner(List<Integer> defaultPorts, Map<Integer, Mode> portModes, Optional<Mode> forcedMode,
                           ResolveOverrides overrides, Resolver resolver, boolean firstAddressOnly, MxLookup mxLookup) {
        this.mxLookup = mxLookup;
        this.defaultPorts = List.copyOf(defaultPorts);
        this.portModes = Map.copyOf(portModes);
        this.forcedMode = forcedMode;
        this.overrides = overrides;
        this.resolver = resolver;
        this.firstAddressOnly = firstAddressOnly;
    }

    /** What to probe, and the mail domains that gave nothing to probe (null MX, failed MX lookup), already finished. */
    public record Plan(List<Target> targets, List<EndpointResult> finished) {
    }

    /**
     * Looks up the MX records of every mail domain (at once, each bounded by the lookup's own timeout), then
     * expands every spec into targets in the order given. A host reached through two domains, or named and
     * reached through MX, is one target: the first wins.
     */
    public Plan plan(List<TargetSpec> specs) {
        Map<String, MxAnswer> answers = lookUpMx(specs);
        List<Target> all = new ArrayList<>();
        List<EndpointResult> finished = new ArrayList<>();
        Set<String> domainsDone = new HashSet<>();
        for (TargetSpec spec : specs) {
            if (!spec.viaMx()) {
                all.addAll(expand(spec, spec.host(), spec.port().map(List::of).orElse(defaultPorts), null));
                continue;
            }
            String domain = spec.host();
            int port = spec.port().orElse(MX_DEFAULT_PORT);
            if (!domainsDone.add(domain + "|" + port + "|" + spec.mode())) {
                continue;
            }
            switch (answers.get(domain)) {
                case MxAnswer.Exchanges ex -> ex.exchanges().forEach(x -> all.addAll(expand(spec, x.host(), List.of(port),
                        MxOrigin.exchange(domain, x.preference(), x.host()))));
                case MxAnswer.Implicit i -> all.addAll(expand(spec, domain, List.of(port), MxOrigin.implicitFor(domain)));
                case MxAnswer.NullMx n -> finished.add(domainResult(spec, port, MxOrigin.nullMx(domain),
                        domain + " publishes a null MX (RFC 7505): the domain accepts no mail, there is no host to scan",
                        "* MX lookup of " + domain + ": 0 . (null MX)"));
                case MxAnswer.Failed f -> finished.add(domainResult(spec, port, MxOrigin.failed(domain), f.reason(),
                        "* " + f.reason()));
            }
        }
        return new Plan(unique(all), finished);
    }

    private Map<String, MxAnswer> lookUpMx(List<TargetSpec> specs) {
        List<String> domains = specs.stream().filter(TargetSpec::viaMx).map(TargetSpec::host).distinct().toList();
        Map<String, MxAnswer> answers = new HashMap<>();
        if (domains.isEmpty()) {
            return answers;
        }
        Map<String, Future<MxAnswer>> pending = new LinkedHashMap<>();
        // Each lookup is bounded by the DNS client's timeout and attempts; the executor's close waits for them all.
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String domain : domains) {
                pending.put(domain, executor.submit(() -> safeLookup(domain)));
            }
            pending.forEach((domain, future) -> answers.put(domain, await(domain, future)));
        }
        return answers;
    }

    private MxAnswer safeLookup(String domain) {
        try {
            return mxLookup.lookup(domain);
        } catch (RuntimeException e) {
            return new MxAnswer.Failed("MX lookup of " + domain + " failed: " + e);
        }
    }

    private static MxAnswer await(String domain, Future<MxAnswer> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MxAnswer.Failed("MX lookup of " + domain + " interrupted");
        } catch (ExecutionException e) {
            return new MxAnswer.Failed("MX lookup of " + domain + " failed: " + e.getCause());
        }
    }

    private List<Target> expand(TargetSpec spec, String host, List<Integer> ports, MxOrigin mx) {
        List<Target> out = new ArrayList<>();
        for (int port : ports) {
            Mode mode = spec.mode().or(() -> forcedMode)
                    .orElseGet(() -> portModes.getOrDefault(port, Mode.defaultFor(port)));
            String given;
            if (mx != null) {
                String shown = host.contains(":") ? "[" + host + "]" : host;
                given = shown + ":" + port + (spec.mode().isPresent() ? "/" + mode.label() : "");
            } else {
                given = spec.port().isPresent() ? spec.given() : spec.given() + ":" + port;
            }
            out.add(new Target(given, host, port, mode, mx));
        }
        return out;
    }

    private EndpointResult domainResult(TargetSpec spec, int port, MxOrigin mx, String message, String note) {
        Mode mode = spec.mode().or(() -> forcedMode).orElseGet(() -> portModes.getOrDefault(port, Mode.defaultFor(port)));
        return EndpointResult.unprobed(new Target(spec.given(), spec.host(), port, mode, mx), null, Reachability.DNS_ERROR,
                new ProbeError("dns", ErrorKind.DNS_ERROR, message), List.of(note));
    }

    /** The targets of {@link #plan}, without the finished results of mail domains. */
    public List<Target> targets(List<TargetSpec> specs) {
        return plan(specs).targets();
    }

    private static List<Target> unique(List<Target> all) {
        Set<Target> unique = new LinkedHashSet<>(all);
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
        return EndpointResult.unprobed(target, null, Reachability.DNS_ERROR,
                new ProbeError("dns", ErrorKind.DNS_ERROR, "cannot resolve " + target.host() + ": " + reason),
                List.of("* DNS lookup of " + target.host() + " failed: " + reason));
    }
}
