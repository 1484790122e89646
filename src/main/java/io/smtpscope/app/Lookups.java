package io.smtpscope.app;

import io.smtpscope.dns.DnsClient;
import io.smtpscope.dns.MxAnswer;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.dns.ValidatingDns;
import io.smtpscope.engine.Resolver;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where a scan looks names up. dnsjava answers MX queries (the JDK has none); with a DNS server of the user's
 * choice it answers A/AAAA as well, so that one server answers everything. Without one, addresses come from
 * the system resolver as usual. A mail domain's DNSSEC and DANE facts come from {@code domainDns}, the validating
 * resolver over the same servers (null when no target is a mail domain or no resolver is configured).
 */
public record Lookups(Resolver resolver, MxLookup mxLookup, ValidatingDns domainDns) {
    public Lookups(Resolver resolver, MxLookup mxLookup) {
        this(resolver, mxLookup, null);
    }

    /** {@code mxNeeded}: some target is a mail domain; without one, no DNS client is built at all. */
    public static Lookups choose(Optional<InetSocketAddress> dnsServer, boolean mxNeeded) {
        return choose(dnsServer, mxNeeded, null);
    }

    /**
     * {@code trustAnchor}: the DNSSEC trust anchor file ({@code --trust-anchor}), null for the bundled root anchors.
     * IllegalArgumentException with a plain message when that file holds no anchor.
     */
    public static Lookups choose(Optional<InetSocketAddress> dnsServer, boolean mxNeeded, java.nio.file.Path trustAnchor) {
        if (dnsServer.isPresent()) {
            DnsClient dns = new DnsClient(List.of(dnsServer.get()), DnsClient.DEFAULT_TIMEOUT, DnsClient.DEFAULT_ATTEMPTS);
            return new Lookups(dns::addresses, MxLookup.using(dns), mxNeeded ? ValidatingDns.over(dns, trustAnchor) : null);
        }
        DnsClient system = mxNeeded ? systemOrNull() : null;
        return new Lookups(Resolver.system(), system != null ? MxLookup.using(system) : domain -> new MxAnswer.Failed(
                "MX lookup of " + domain + " impossible: this system has no DNS resolver configured (use --dns-server)"),
                system != null ? ValidatingDns.over(system, trustAnchor) : null);
    }

    private static DnsClient systemOrNull() {
        try {
            return DnsClient.system();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
