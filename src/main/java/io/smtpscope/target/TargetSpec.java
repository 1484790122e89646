package io.smtpscope.target;

import java.util.Optional;

/**
 * One target as the user wrote it: a host with an optional port and an optional mode.
 * Expanded into {@link Target}s once the profile's default ports are known.
 */
public record TargetSpec(String given, String host, Optional<Integer> port, Optional<Mode> mode) {
    public TargetSpec {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
    }

    /** True when the host is an IPv4 or IPv6 literal rather than a name. */
    public boolean isAddressLiteral() {
        return HostSyntax.isIpLiteral(host);
    }
}
