package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ConnectionSlots;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one enumeration run knows so far: the runner every hello goes through, the depth asked for, which
 * dimensions are settled, and the typed result of each dimension that ran (null until then, or when it could
 * not test). Requirements read it; each enumeration writes its own slot. A dimension running in parallel with
 * others sees the same findings through a {@link #lane lane} with a runner of its own.
 */
final class EnumerationContext {
    private final HelloRunner runner;
    private final EnumerationDepth depth;
    private final ConnectionSlots slots;
    private final Set<TlsVersion> refusedInProbe;
    private final Found found;

    /** The findings every lane shares: written by dimensions running in parallel, read once they are joined. */
    private static final class Found {
        final Set<String> settled = ConcurrentHashMap.newKeySet();
        final Map<TlsVersion, LegacySuiteEnumeration.Suites> legacySuites = new ConcurrentHashMap<>();
        volatile VersionEnumeration.Versions versions;
        volatile Tls13Enumeration.Tls13 tls13;
        volatile CurveEnumeration.Curves curves;
    }

    EnumerationContext(HelloRunner runner, EnumerationDepth depth) {
        this(runner, depth, ConnectionSlots.NONE, Set.of());
    }

    EnumerationContext(HelloRunner runner, EnumerationDepth depth, ConnectionSlots slots, Set<TlsVersion> refusedInProbe) {
        this(runner, depth, slots, Set.copyOf(refusedInProbe), new Found());
    }

    private EnumerationContext(HelloRunner runner, EnumerationDepth depth, ConnectionSlots slots,
                               Set<TlsVersion> refusedInProbe, Found found) {
        this.runner = runner;
        this.depth = depth;
        this.slots = slots;
        this.refusedInProbe = refusedInProbe;
        this.found = found;
    }

    /** The same run seen through {@code laneRunner}: same findings, hellos on a connection of the lane's own. */
    EnumerationContext lane(HelloRunner laneRunner) {
        return new EnumerationContext(laneRunner, depth, slots, refusedInProbe, found);
    }

    HelloRunner runner() {
        return runner;
    }

    EnumerationDepth depth() {
        return depth;
    }

    /** Where parallel dimensions borrow their connection slots. */
    ConnectionSlots slots() {
        return slots;
    }

    /** Versions the probe's own handshake showed refused: no hello needed. */
    Set<TlsVersion> refusedInProbe() {
        return refusedInProbe;
    }

    /** The dimension ran or was skipped: requirements waiting on it can now decide. */
    void settle(String dimension) {
        found.settled.add(dimension);
    }

    boolean settled(String dimension) {
        return found.settled.contains(dimension);
    }

    VersionEnumeration.Versions versions() {
        return found.versions;
    }

    void versions(VersionEnumeration.Versions versions) {
        found.versions = versions;
    }

    /** The suite lists found, per version. */
    Map<TlsVersion, LegacySuiteEnumeration.Suites> legacySuites() {
        return Collections.unmodifiableMap(found.legacySuites);
    }

    void legacySuites(LegacySuiteEnumeration.Suites suites) {
        found.legacySuites.put(suites.version(), suites);
    }

    Tls13Enumeration.Tls13 tls13() {
        return found.tls13;
    }

    void tls13(Tls13Enumeration.Tls13 tls13) {
        found.tls13 = tls13;
    }

    CurveEnumeration.Curves curves() {
        return found.curves;
    }

    void curves(CurveEnumeration.Curves curves) {
        found.curves = curves;
    }
}
