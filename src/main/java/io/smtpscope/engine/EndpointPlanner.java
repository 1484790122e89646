package io.smtpscope.engine;

import io.smtpscope.dns.MxAnswer;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.target.AddressRange;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.FanOut;
import io.smtpscope.target.FanOutLimits;
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
 * <p>
 * DNS answers are another party's data, so the fan-out is bounded ({@link FanOutLimits}: MX hosts per domain,
 * addresses per name; what is left out is noted in the target's {@link FanOut}), and an address reached through
 * MX in a loopback, link-local or private range ({@link AddressRange}) is not scanned unless the user allowed
 * such ranges for MX hosts, or chose the address themselves ({@code --resolve}). It becomes a finished
 * {@code not-scanned} result instead. Names and addresses the user gives directly are scanned wherever they are.
 */
public final class EndpointPlanner {
    private final List<Integer> defaultPorts;
    private final Map<Integer, Mode> portModes;
    private final Optional<Mode> forcedMode;
    private final ResolveOverrides overrides;
    private final Resolver resolver;
    private final boolean firstAddressOnly;
    private final MxLookup mxLookup;
    private final FanOutLimits limits;
    private final boolean allowPrivateMx;

    /** MX hosts are scanned on this port unless {@code mx:DOMAIN:PORT} says otherwise (RFC 5321 section 5.1). */
    public static final int MX_DEFAULT_PORT = 25;

    public EndpointPlanner(List<Integer> defaultPorts, Map<Integer, Mode> portModes, Optional<Mode> forcedMode,
                           ResolveOverrides overrides, Resolver resolver, boolean firstAddressOnly) {
        this(defaultPorts, portModes, forcedMode, overrides, resolver, firstAddressOnly,
                domain -> new MxAnswer.Failed("no MX resolver configured for " + domain));
    }

    public EndpointPlanner(List<Integer> defaultPorts, Map<Integer, Mode> portModes, Optional<Mode> forcedMode,
                           ResolveOverrides overrides, Resolver resolver, boolean firstAddressOnly, MxLookup mxLookup) {
        this(defaultPorts, portModes, forcedMode, overrides, resolver, firstAddressOnly, mxLookup, FanOutLimits.defaults(),
                false);
    }

    /** {@code allowPrivateMx}: scan MX hosts whose addresses lie in private, loopback or link-local ranges too. */
    public EndpointPlanner(List<Integer> defaultPorts, Map<Integer, Mode> portModes, Optional<Mode> forcedMode,
                           ResolveOverrides overrides, Resolver resolver, boolean firstAddressOnly, MxLookup mxLookup,
                           FanOutLimits limits, boolean allowPrivateMx) {
        this.mxLookup = mxLookup;
        this.limits = limits;
        this.allowPrivateMx = allowPrivateMx;
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
                case MxAnswer.Exchanges ex -> all.addAll(exchanges(spec, domain, port, ex));
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

    /**
     * The MX hosts of one domain, each once (its most preferred record), the first {@code maxMxHosts} of them in
     * preference order; a capped domain's targets carry how many hosts it published.
     */
    private List<Target> exchanges(TargetSpec spec, String domain, int port, MxAnswer.Exchanges answer) {
        Map<String, MxAnswer.Exchange> byHost = new LinkedHashMap<>();
        answer.exchanges().forEach(x -> byHost.putIfAbsent(x.host(), x));
        List<MxAnswer.Exchange> hosts = List.copyOf(byHost.values());
        int scanned = Math.min(hosts.size(), limits.maxMxHosts());
        FanOut fanOut = scanned < hosts.size() ? new FanOut(new FanOut.Capped(hosts.size(), scanned), null) : null;
        List<Target> out = new ArrayList<>();
        for (MxAnswer.Exchange x : hosts.subList(0, scanned)) {
            for (Target t : expand(spec, x.host(), List.of(port), MxOrigin.exchange(domain, x.preference(), x.host()))) {
                out.add(new Target(t.given(), t.host(), t.port(), t.mode(), t.mx(), fanOut));
            }
        }
        return out;
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

    /**
     * Either endpoints to probe, or a finished result saying why there are none ({@code failure}); and the
     * addresses kept out of the scan, each a finished {@code not-scanned} result ({@code notScanned}).
     */
    public record Planned(List<Endpoint> endpoints, EndpointResult failure, List<EndpointResult> notScanned) {
        public Planned {
            endpoints = List.copyOf(endpoints);
            notScanned = List.copyOf(notScanned);
        }

        public Planned(List<Endpoint> endpoints, EndpointResult failure) {
            this(endpoints, failure, List.of());
        }
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
        List<InetAddress> distinct = addresses.stream().distinct().toList();
        // Addresses pinned with --resolve are the user's list, not DNS's: no limit applies to them.
        int scanned = firstAddressOnly ? 1 : pinned.isPresent() ? distinct.size() : Math.min(distinct.size(), limits.maxAddresses());
        Target planned = !firstAddressOnly && scanned < distinct.size()
                ? target.withAddressesCapped(new FanOut.Capped(distinct.size(), scanned)) : target;
        // The user's own choices are scanned wherever they are: a named host, an address pinned with --resolve.
        boolean userChose = target.mx() == null || pinned.isPresent();
        List<Endpoint> endpoints = new ArrayList<>();
        List<EndpointResult> notScanned = new ArrayList<>();
        for (InetAddress address : distinct.subList(0, scanned)) {
            Optional<String> range = AddressRange.nonPublic(address);
            if (range.isPresent() && !userChose && !allowPrivateMx) {
                notScanned.add(outOfScope(planned, address, range.get()));
            } else {
                endpoints.add(new Endpoint(planned, address, target.host()));
            }
        }
        return new Planned(endpoints, null, notScanned);
    }

    /** An MX host's address in a non-public range, not scanned: the DNS of a mail domain chose it, not the user. */
    private static EndpointResult outOfScope(Target target, InetAddress address, String range) {
        String text = HostSyntax.addressText(address);
        String how = target.mx().implicit() ? target.host() + " (the implicit MX of " + target.mx().domain() + ") resolves to"
                : HostSyntax.isIpLiteral(target.host()) ? "the MX record of " + target.mx().domain() + " names"
                : target.host() + " (MX of " + target.mx().domain() + ") resolves to";
        String message = how + " " + text + ", in a " + range + " range: not scanned (--allow-private-mx scans MX"
                + " hosts in private, loopback and link-local ranges)";
        return EndpointResult.unprobed(target, text, Reachability.NOT_SCANNED,
                new ProbeError("plan", ErrorKind.NOT_SCANNED, message), List.of("* " + message));
    }

    private static EndpointResult dnsFailure(Target target, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return EndpointResult.unprobed(target, null, Reachability.DNS_ERROR,
                new ProbeError("dns", ErrorKind.DNS_ERROR, "cannot resolve " + target.host() + ": " + reason),
                List.of("* DNS lookup of " + target.host() + " failed: " + reason));
    }
}
