package io.smtpscope.target;

import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Target;

import java.net.InetAddress;

/**
 * One address of one target: what a probe connects to. {@code nameToCheck} is the name the certificate
 * must match and SNI carries: the target host, or the {@code --resolve} name pinned to this address.
 */
public record Endpoint(Target target, InetAddress address, String nameToCheck) {
    public String host() {
        return target.host();
    }

    public int port() {
        return target.port();
    }

    /** The address as reports and commands show it (RFC 5952 for IPv6). */
    public String addressText() {
        return HostSyntax.addressText(address);
    }
}
