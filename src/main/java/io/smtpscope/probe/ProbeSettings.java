package io.smtpscope.probe;

import java.time.Duration;

/**
 * How one endpoint is probed: the EHLO name, a timeout per phase and a total deadline, and whether to
 * try STARTTLS when it is not advertised (tells a stripped keyword from a server without TLS).
 */
public record ProbeSettings(String ehloName, Duration connectTimeout, Duration bannerTimeout,
                            Duration commandTimeout, Duration tlsTimeout, Duration totalTimeout,
                            boolean tryStartTlsUnadvertised, boolean identifySilentService) {

    /** Postfix postscreen and similar greet-delays of 5-15 s are normal: the banner timeout allows them. */
    public static ProbeSettings defaults() {
        return new ProbeSettings("smtpscope.invalid", Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(120), true, true);
    }

    public ProbeSettings withTimeouts(Duration connect, Duration banner, Duration command, Duration tls, Duration total) {
        return new ProbeSettings(ehloName, connect, banner, command, tls, total, tryStartTlsUnadvertised,
                identifySilentService);
    }

    public ProbeSettings withEhloName(String name) {
        return new ProbeSettings(name, connectTimeout, bannerTimeout, commandTimeout, tlsTimeout, totalTimeout,
                tryStartTlsUnadvertised, identifySilentService);
    }
}
