package io.smtpscope.target;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The address ranges that never hold a public mail server: loopback, link-local, private and the like. A mail
 * domain's MX records are another party's data; an MX host in one of these ranges is either a mistake (senders on
 * the Internet cannot reach it) or a zone that points the scanner at hosts inside the scanner's own network.
 */
public final class AddressRange {
    private AddressRange() {
    }

    /** The range {@code address} lies in, as reports name it ("private (RFC 1918)"), or empty for a public address. */
    public static Optional<String> nonPublic(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of(address instanceof Inet4Address ? "loopback (127.0.0.0/8, RFC 1122 section 3.2.1.3)"
                    : "loopback (::1, RFC 4291 section 2.5.3)");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified (RFC 1122 section 3.2.1.3, RFC 4291 section 2.5.2)");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of(address instanceof Inet4Address ? "link-local (169.254.0.0/16, RFC 3927)"
                    : "link-local (fe80::/10, RFC 4291 section 2.5.6)");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast (RFC 5771, RFC 4291 section 2.7)");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return Optional.of("private (RFC 1918)");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("shared address space (100.64.0.0/10, RFC 6598)");
            }
            if (first == 0) {
                return Optional.of("this network (0.0.0.0/8, RFC 1122 section 3.2.1.3)");
            }
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return Optional.of("unique local (fc00::/7, RFC 4193)");
            }
            if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
                return Optional.of("site-local (fec0::/10, deprecated by RFC 3879)");
            }
        }
        return Optional.empty();
    }
}
