package io.smtpscope.profile;

import io.smtpscope.finding.JudgePolicy;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.Severity;
import io.smtpscope.target.FanOutLimits;
import io.smtpscope.target.Mode;
import io.smtpscope.tls.enumeration.EnumerationDepth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scan profile, fully resolved (parents merged, defaults applied): ports and their modes, how to probe,
 * and how to judge; {@code enumeration}: how deep TLS enumeration goes; {@code fanOut}: how many MX hosts and
 * addresses a scan takes; {@code vulnerabilityChecks}: the ids of the vulnerability checks to run (resolved:
 * {@code safe} expanded, running order). Loaded from {@code profiles/*.yaml} by {@link ProfileLoader}.
 */
public record Profile(String name, String description, List<Integer> ports, Map<Integer, Mode> modes,
                      ProbeSettings probe, JudgePolicy judge, Severity failOn, EnumerationDepth enumeration,
                      FanOutLimits fanOut, List<String> vulnerabilityChecks) {
    public Profile {
        ports = List.copyOf(ports);
        modes = Map.copyOf(modes);
        vulnerabilityChecks = vulnerabilityChecks == null ? List.of() : List.copyOf(vulnerabilityChecks);
    }

    /** A profile that runs no vulnerability checks. */
    public Profile(String name, String description, List<Integer> ports, Map<Integer, Mode> modes,
                   ProbeSettings probe, JudgePolicy judge, Severity failOn, EnumerationDepth enumeration,
                   FanOutLimits fanOut) {
        this(name, description, ports, modes, probe, judge, failOn, enumeration, fanOut, List.of());
    }

    /** The built-in values every profile starts from. */
    public static Profile builtIn() {
        return new Profile("default", "built-in defaults", List.of(25, 465, 587),
                Map.of(25, Mode.STARTTLS, 465, Mode.IMPLICIT_TLS, 587, Mode.STARTTLS),
                ProbeSettings.defaults(), JudgePolicy.defaults(), Severity.FAIL, EnumerationDepth.FULL,
                FanOutLimits.defaults(), List.of());
    }

    public Profile withProbe(ProbeSettings settings) {
        return new Profile(name, description, ports, modes, settings, judge, failOn, enumeration, fanOut, vulnerabilityChecks);
    }

    public Profile withEnumeration(EnumerationDepth depth) {
        return new Profile(name, description, ports, modes, probe, judge, failOn, depth, fanOut, vulnerabilityChecks);
    }

    public Profile withFanOut(FanOutLimits limits) {
        return new Profile(name, description, ports, modes, probe, judge, failOn, enumeration, limits, vulnerabilityChecks);
    }

    public Profile withVulnerabilityChecks(List<String> ids) {
        return new Profile(name, description, ports, modes, probe, judge, failOn, enumeration, fanOut, ids);
    }

    public Profile withTimeouts(Duration connect, Duration banner, Duration command, Duration tls, Duration total) {
        return withProbe(probe.withTimeouts(connect, banner, command, tls, total));
    }
}
