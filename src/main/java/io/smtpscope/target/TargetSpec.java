package io.smtpscope.target;

import java.util.Optional;

/**
 * One target as the user wrote it: a host with an optional port and an optional mode.
 * Expanded into {@link Target}s once the profile's default ports are known. With {@code viaMx}
 * ({@code mx:DOMAIN}, {@code --mx DOMAIN}) the host is a mail domain whose MX hosts are the targets,
 * and the port and mode apply to each of them.
 */
public record TargetSpec(String given, String host, Optional<Integer> port, Optional<Mode> mode, boolean viaMx) {
    public TargetSpec {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
    }

    public TargetSpec(String given, String host, Optional<Integer> port, Optional<Mode> mode) {
        this(given, host, port, mode, false);
    }

    /** True when the host is an IPv4 or IPv6 literal rather than a name. */
    public boolean isAddressLiteral() {
        return HostSyntax.isIpLiteral(host);
    }
}
