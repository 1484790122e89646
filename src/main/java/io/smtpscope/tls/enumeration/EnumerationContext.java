package io.smtpscope.tls.enumeration;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one enumeration run knows so far: the runner every hello goes through, the depth asked for, which
 * dimensions are settled, and the typed result of each dimension that ran (null until then, or when it could
 * not test). Requirements read it; each enumeration writes its own slot.
 */
final class EnumerationContext {
    private final HelloRunner runner;
    private final EnumerationDepth depth;
    private final Set<String> settled = new HashSet<>();
    private VersionEnumeration.Versions versions;
    private final Map<TlsVersion, LegacySuiteEnumeration.Suites> legacySuites = new LinkedHashMap<>();
    private Tls13Enumeration.Tls13 tls13;
    private CurveEnumeration.Curves curves;

    EnumerationContext(HelloRunner runner, EnumerationDepth depth) {
        this.runner = runner;
        this.depth = depth;
    }

    HelloRunner runner() {
        return runner;
    }

    EnumerationDepth depth() {
        return depth;
    }

    /** The dimension ran or was skipped: requirements waiting on it can now decide. */
    void settle(String dimension) {
        settled.add(dimension);
    }

    boolean settled(String dimension) {
        return settled.contains(dimension);
    }

    VersionEnumeration.Versions versions() {
        return versions;
    }

    void versions(VersionEnumeration.Versions found) {
        this.versions = found;
    }

    /** The suite lists found, in the order they were enumerated. */
    Map<TlsVersion, LegacySuiteEnumeration.Suites> legacySuites() {
        return Collections.unmodifiableMap(legacySuites);
    }

    void legacySuites(LegacySuiteEnumeration.Suites found) {
        legacySuites.put(found.version(), found);
    }

    Tls13Enumeration.Tls13 tls13() {
        return tls13;
    }

    void tls13(Tls13Enumeration.Tls13 found) {
        this.tls13 = found;
    }

    CurveEnumeration.Curves curves() {
        return curves;
    }

    void curves(CurveEnumeration.Curves found) {
        this.curves = found;
    }
}
