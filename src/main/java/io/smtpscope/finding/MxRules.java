package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.AddressRange;
import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.MxOrigin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

/**
 * How a mail domain publishes its mail hosts: null MX (RFC 7505), implicit MX and MX targets (RFC 5321 section
 * 5.1), MX hosts at addresses no sender on the Internet can reach (RFC 1918, RFC 6890).
 */
final class MxRules {
    private MxRules() {
    }

    static void apply(EndpointResult e, Emitter out) {
        MxOrigin mx = e.mx();
        if (mx == null || mx.host() == null) {
            return; // a named host, or a domain whose MX lookup failed (DNS_ERROR says so)
        }
        if (mx.isNullMx()) {
            out.emit("NULL_MX", Map.of("domain", mx.domain()));
        } else if (mx.implicit()) {
            out.emit("MX_IMPLICIT", Map.of("domain", mx.domain()));
        } else if (HostSyntax.isIpLiteral(mx.host())) {
            out.emit("MX_TARGET_IS_ADDRESS", Map.of("domain", mx.domain(), "mx_host", mx.host(),
                    "preference", String.valueOf(mx.preference())));
        }
        if (!mx.isNullMx()) {
            notPublic(e.address()).ifPresent(range -> out.emit("MX_ADDRESS_NOT_PUBLIC", Map.of("domain", mx.domain(),
                    "mx_host", mx.host(), "range", range, "outcome", e.reachability() == Reachability.NOT_SCANNED
                            ? "smtpscope did not scan it (--allow-private-mx scans MX hosts in such ranges)."
                            : "smtpscope scanned it, as the scan allowed (--allow-private-mx, or an address pinned with --resolve).")));
        }
    }

    /**
     * The non-public range of a report's address. Only a literal is read: a saved report is input like any other,
     * and a name in its place must never cause a DNS lookup.
     */
    private static Optional<String> notPublic(String address) {
        if (address == null || !HostSyntax.isIpLiteral(address)) {
            return Optional.empty();
        }
        try {
            return AddressRange.nonPublic(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty(); // an IPv6 literal with a scope the system does not know
        }
    }
}
