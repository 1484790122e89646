package io.smtpscope.net;

import io.smtpscope.target.HostSyntax;

import java.time.Duration;

/**
 * How one endpoint is probed: the EHLO name, a timeout per phase and a total deadline, and whether to
 * try STARTTLS when it is not advertised (tells a stripped keyword from a server without TLS), and whether
 * to look up the reverse DNS (PTR) of each address (done by the engine, not per connection).
 */
public record ProbeSettings(String ehloName, Duration connectTimeout, Duration bannerTimeout,
                            Duration commandTimeout, Duration tlsTimeout, Duration totalTimeout,
                            boolean tryStartTlsUnadvertised, boolean identifySilentService, boolean reverseDns) {
    /** Checked here, so that no path (option, profile, login) can put a bad name on the wire. */
    public ProbeSettings {
        HostSyntax.ehloNameProblem(ehloName).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    public ProbeSettings(String ehloName, Duration connectTimeout, Duration bannerTimeout, Duration commandTimeout,
                         Duration tlsTimeout, Duration totalTimeout, boolean tryStartTlsUnadvertised,
                         boolean identifySilentService) {
        this(ehloName, connectTimeout, bannerTimeout, commandTimeout, tlsTimeout, totalTimeout, tryStartTlsUnadvertised,
                identifySilentService, true);
    }

    /** Postfix postscreen and similar greet-delays of 5-15 s are normal: the banner timeout allows them. */
    public static ProbeSettings defaults() {
        return new ProbeSettings("smtpscope.invalid", Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(120), true, true);
    }

    public ProbeSettings withTimeouts(Duration connect, Duration banner, Duration command, Duration tls, Duration total) {
        return new ProbeSettings(ehloName, connect, banner, command, tls, total, tryStartTlsUnadvertised,
                identifySilentService, reverseDns);
    }

    public ProbeSettings withEhloName(String name) {
        return new ProbeSettings(name, connectTimeout, bannerTimeout, commandTimeout, tlsTimeout, totalTimeout,
                tryStartTlsUnadvertised, identifySilentService, reverseDns);
    }

    /** The same settings with the probe switches set (which optional steps run). */
    public ProbeSettings withSwitches(boolean tryStartTls, boolean identifySilent, boolean lookUpReverseDns) {
        return new ProbeSettings(ehloName, connectTimeout, bannerTimeout, commandTimeout, tlsTimeout, totalTimeout,
                tryStartTls, identifySilent, lookUpReverseDns);
    }
}
