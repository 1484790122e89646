package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ConnectionSlots;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enumerates what one endpoint's TLS accepts, with raw hellos of our own and as few connections as the method
 * allows: protocol versions, then (depth full) TLS 1.3 suites and groups, the suites of each older version with
 * the server's order, and the ECDHE curves. Each dimension is an {@link Enumeration} that declares what it
 * needs; the {@link EnumerationScheduler} runs what is ready and records why it skipped the rest. Hellos go
 * through one {@link HelloRunner}: one after another on the endpoint's own connection slot, and dimensions
 * ready at the same time in parallel on slots borrowed from the engine's limits, so the per-address and global
 * limits hold by construction. Every connection ends by the endpoint's deadline,
 * which the probe before it shares. What could not be tested is reported as null, never guessed.
 */
public final class TlsEnumerator {
    private final ProbeSettings settings;
    private final EnumerationDepth depth;
    private final int maxConnections;
    private final Duration budget;
    private final long firstBackoffMillis;
    private final HelloRunner.Opener opener;

    public TlsEnumerator(ProbeSettings settings, EnumerationDepth depth) {
        this(settings, depth, 400, Duration.ofMinutes(10));
    }

    public TlsEnumerator(ProbeSettings settings, EnumerationDepth depth, int maxConnections, Duration budget) {
        this(settings, depth, maxConnections, budget, HelloRunner.FIRST_BACKOFF_MILLIS);
    }

    TlsEnumerator(ProbeSettings settings, EnumerationDepth depth, int maxConnections, Duration budget, long firstBackoffMillis) {
        this(settings, depth, maxConnections, budget, firstBackoffMillis, HelloRunner.startTls(settings));
    }

    TlsEnumerator(ProbeSettings settings, EnumerationDepth depth, int maxConnections, Duration budget, long firstBackoffMillis,
                  HelloRunner.Opener opener) {
        this.settings = settings;
        this.depth = depth;
        this.maxConnections = maxConnections;
        this.budget = budget;
        this.firstBackoffMillis = firstBackoffMillis;
        this.opener = opener;
    }

    /**
     * Adds the enumeration to {@code base} (the probe's negotiated session; may be null), with the endpoint to
     * itself: its deadline is the profile's total timeout from now.
     */
    public TlsResult enumerate(Endpoint endpoint, TlsResult base) {
        return enumerate(endpoint, base, EndpointDeadline.startingNow(settings.totalTimeout()));
    }

    /** Adds the enumeration to {@code base}, in what is left of the endpoint's {@code deadline}. */
    public TlsResult enumerate(Endpoint endpoint, TlsResult base, EndpointDeadline deadline) {
        return run(endpoint, base, deadline).tls();
    }

    /** As {@link #run(Endpoint, TlsResult, EndpointDeadline)}, with the endpoint to itself. */
    public EnumerationOutcome run(Endpoint endpoint, TlsResult base) {
        return run(endpoint, base, EndpointDeadline.startingNow(settings.totalTimeout()));
    }

    /**
     * As {@link #enumerate}, with the reason for every dimension it did not (fully) enumerate: what the deadline
     * or a budget left untested is skipped as {@link Skipped.Why#BUDGET_EXHAUSTED}, never guessed.
     */
    public EnumerationOutcome run(Endpoint endpoint, TlsResult base, EndpointDeadline deadline) {
        return run(endpoint, base, deadline, ConnectionSlots.NONE);
    }

    /**
     * As above; dimensions that are ready at the same time run in parallel on the connection slots {@code slots}
     * lends (one connection at a time without). What the probe's own handshake showed is not asked again: a
     * version above the one it negotiated was refused (its client offered TLS 1.2 and 1.3).
     */
    public EnumerationOutcome run(Endpoint endpoint, TlsResult base, EndpointDeadline deadline, ConnectionSlots slots) {
        HelloRunner runner = new HelloRunner(settings, endpoint, maxConnections, budget, firstBackoffMillis, opener,
                deadline);
        EnumerationContext context = new EnumerationContext(runner, depth, slots, refusedInProbe(base));
        List<Skipped> skipped = EnumerationScheduler.run(dimensions(), context);
        return new EnumerationOutcome(assemble(endpoint, base, context, skipped), skipped,
                context.runner().observations().chains());
    }

    /**
     * Every dimension, in the order the hellos go out when several are ready at once: TLS 1.3 before the older
     * versions, those highest first, curves last (they take the first curve seen during the suite lists).
     */
    static List<Enumeration> dimensions() {
        List<Enumeration> all = new ArrayList<>();
        all.add(new VersionEnumeration());
        all.add(new Tls13Enumeration());
        LegacySuiteEnumeration.VERSIONS.forEach(v -> all.add(new LegacySuiteEnumeration(v)));
        all.add(new CurveEnumeration());
        return all;
    }

    /**
     * The versions the probe's handshake showed refused: those its client offered (TLS 1.2 and 1.3, which the
     * observing engine always enables) above the version the server chose, as a server picks the highest it shares
     * (RFC 8446 section 4.2.1, RFC 5246 appendix E.1).
     */
    static java.util.Set<TlsVersion> refusedInProbe(TlsResult base) {
        if (base == null || base.protocol() == null) {
            return java.util.Set.of();
        }
        TlsVersion negotiated = null;
        for (TlsVersion v : TlsVersion.values()) {
            if (v.label().equals(base.protocol())) {
                negotiated = v;
            }
        }
        if (negotiated == null) {
            return java.util.Set.of();
        }
        java.util.Set<TlsVersion> refused = java.util.EnumSet.noneOf(TlsVersion.class);
        for (TlsVersion v : List.of(TlsVersion.TLS12, TlsVersion.TLS13)) {
            if (v.code() > negotiated.code()) {
                refused.add(v);
            }
        }
        return refused;
    }

    private TlsResult assemble(Endpoint endpoint, TlsResult base, EnumerationContext context, List<Skipped> skipped) {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        for (TlsVersion v : VersionEnumeration.HIGH_FIRST) {
            protocols.put(v.label(), context.versions() == null ? null : context.versions().accepted().get(v));
        }
        Map<String, List<String>> suites = new LinkedHashMap<>();
        Map<String, Boolean> preference = new LinkedHashMap<>();
        Tls13Enumeration.Tls13 tls13 = context.tls13();
        if (tls13 != null && tls13.suites() != null) {
            suites.put(TlsVersion.TLS13.label(), HelloOffers.suiteNames(tls13.suites()));
            preference.put(TlsVersion.TLS13.label(), tls13.serverOrder());
        }
        for (TlsVersion v : LegacySuiteEnumeration.VERSIONS) {
            LegacySuiteEnumeration.Suites found = context.legacySuites().get(v);
            if (found != null) {
                suites.put(v.label(), HelloOffers.suiteNames(found.accepted()));
                preference.put(v.label(), found.serverOrder());
            }
        }
        List<String> groups = tls13 != null && tls13.groups() != null ? HelloOffers.groupNames(tls13.groups()) : null;
        List<String> curves = context.curves() != null ? HelloOffers.groupNames(context.curves().curves()) : null;
        HelloObservations seen = context.runner().observations();
        boolean full = depth == EnumerationDepth.FULL;
        return new TlsResult(base != null ? base.protocol() : null, base != null ? base.cipherSuite() : null,
                base != null ? base.sni() : endpoint.serverName(), protocols,
                full ? suites : null, full ? preference : null, full ? groups : null, full ? curves : null,
                full ? seen.dhBits() : null, seen.extensions(), context.runner().connections(), seen.certificates(),
                untested(context, skipped));
    }

    /**
     * What could not be tested, and why, so that a null in the report comes with its reason: each version that
     * could not be tested, and each dimension that ran out of budget or could not finish. Dimensions whose
     * requirements did not hold (no TLS 1.3, depth versions-only) are not "untested": there was nothing to test.
     */
    private static Map<String, String> untested(EnumerationContext context, List<Skipped> skipped) {
        Map<String, String> untested = new LinkedHashMap<>();
        if (context.versions() != null) {
            context.versions().untested().forEach((version, why) -> untested.put(version.label(), why));
        }
        for (Skipped s : skipped) {
            boolean versionsListedAbove = s.dimension().equals(VersionEnumeration.DIMENSION) && context.versions() != null;
            if (s.why() != Skipped.Why.REQUIREMENT_NOT_MET && !versionsListedAbove) {
                untested.put(s.dimension(), s.reason());
            }
        }
        return untested;
    }
}
