package io.smtpscope.diagnosis;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.target.AddressRange;
import io.smtpscope.target.HostSyntax;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an organisation's internal servers from public ones, by name and address only (no lookups). Internal
 * servers often carry certificates of the organisation's own CA, which looks exactly like interception from the
 * outside; so an untrusted issuer shared by internal servers is weak evidence, on public servers strong evidence.
 */
final class InternalHosts {
    /**
     * Suffixes reserved or customary for private networks: RFC 6762 (local), RFC 8375 (home.arpa), ICANN's
     * 2024 resolution reserving .internal, and the names admins pick by habit (lan, corp, intranet, ...).
     */
    private static final Set<String> PRIVATE_SUFFIXES = Set.of("internal", "local", "localdomain", "lan", "home",
            "corp", "intranet", "private", "home.arpa");

    private InternalHosts() {
    }

    /** Why this endpoint looks internal ("private address 10.0.0.5", "internal name"), or empty for a public one. */
    static Optional<String> why(EndpointResult e) {
        Optional<String> byName = nameReason(e.host());
        if (byName.isPresent()) {
            return byName;
        }
        String address = e.address() != null ? e.address() : e.host();
        return isPrivateAddress(address) ? Optional.of("private address " + address) : Optional.empty();
    }

    private static Optional<String> nameReason(String host) {
        if (host == null || HostSyntax.isIpLiteral(host)) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.contains(".")) {
            return Optional.of("single-label name");
        }
        for (String suffix : PRIVATE_SUFFIXES) {
            if (name.endsWith("." + suffix)) {
                return Optional.of("internal name (." + suffix + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Any non-public range {@link AddressRange} names (RFC 1918, RFC 6598, link-local, unique-local, ...), except
     * loopback: a server on this very machine is where the tests and demos run, not an internal network.
     */
    static boolean isPrivateAddress(String address) {
        if (address == null || !HostSyntax.isIpLiteral(address)) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(address); // a literal: parsed, never looked up
            return !a.isLoopbackAddress() && AddressRange.nonPublic(a).isPresent();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
