package io.smtpscope.target;

import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Target;

import java.net.InetAddress;

/**
 * One address of one target: what a probe connects to. {@code nameToCheck} is the name the certificate
 * must match: the target host, or the {@code --resolve} name pinned to this address. {@code serverName} is what
 * SNI carries: the same name, except where DANE names another (see {@link #withServerName}).
 */
public record Endpoint(Target target, InetAddress address, String nameToCheck, String serverName) {
    public Endpoint(Target target, InetAddress address, String nameToCheck) {
        this(target, address, nameToCheck, nameToCheck);
    }

    /**
     * This endpoint sending {@code name} as SNI, its certificate still checked against {@link #nameToCheck}: a DANE
     * client sends the TLSA base domain, which for an MX host that is a CNAME is the end of the chain (RFC 7672
     * section 8.1), while the WebPKI name (MTA-STS, RFC 8461 section 4.1) stays the MX host.
     */
    public Endpoint withServerName(String name) {
        return new Endpoint(target, address, nameToCheck, name);
    }

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
