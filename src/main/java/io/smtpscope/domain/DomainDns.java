package io.smtpscope.domain;

import io.smtpscope.dns.Tlsa;
import io.smtpscope.dns.Validated;
import io.smtpscope.dns.ValidatingDns;
import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.MxRecordSeen;
import io.smtpscope.result.TlsaSeen;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The DNS facts of one mail domain, all through the scan's validating resolver: the MX RRset and its DNSSEC state,
 * then for each MX host (at most {@code maxHosts}, in preference order) the state of its A/AAAA records and, where
 * they are secure, its TLSA records (RFC 7672 section 2.2). TLSA published for a host with insecure addresses is
 * looked up too, so the report can say that senders ignore it.
 */
public final class DomainDns {
    private final ValidatingDns dns;
    private final int maxHosts;

    public DomainDns(ValidatingDns dns, int maxHosts) {
        this.dns = dns;
        this.maxHosts = Math.max(1, maxHosts);
    }

    /** The domain's observations (not judged); {@code port} is the port its MX hosts are scanned on (TLSA owner). */
    public DomainResult inspect(String domain, int port) {
        Validated mx = dns.lookup(domain, Type.MX);
        DomainDnssec dnssec = new DomainDnssec(mx.dnssec(), mx.reason() != null ? mx.reason()
                : mx.dnssec() == DnssecState.UNKNOWN ? dns.whyNotValidating() : null);
        List<MxRecordSeen> records = new ArrayList<>();
        for (Record r : mx.records()) {
            if (r instanceof MXRecord m) {
                records.add(new MxRecordSeen(m.getPriority(), plain(m.getTarget()), mx.secure()));
            }
        }
        records.sort(Comparator.comparingInt(MxRecordSeen::preference));
        Set<String> hosts = new LinkedHashSet<>();
        for (MxRecordSeen r : records) {
            if (!r.host().equals(".") && !r.host().isEmpty()) {
                hosts.add(r.host());
            }
        }
        if (records.isEmpty() && mx.status() == Validated.Status.NODATA) {
            hosts.add(plain(domain)); // the implicit MX (RFC 5321 section 5.1)
        }
        List<HostDane> dane = new ArrayList<>();
        for (String host : hosts.stream().limit(maxHosts).toList()) {
            dane.add(host(host, port));
        }
        return DomainResult.observed(plain(domain), records, dnssec, new DomainDane(dane));
    }

    /** The DANE facts of one MX host (RFC 7672 section 2.2). */
    HostDane host(String host, int port) {
        Validated a = dns.lookup(host, Type.A);
        Validated aaaa = dns.lookup(host, Type.AAAA);
        DnssecState addresses = combine(a, aaaa);
        String canonical = a.found() ? a.canonicalName() : aaaa.found() ? aaaa.canonicalName() : null;
        String alias = canonical != null && !canonical.equals(host) ? canonical : null;
        if (addresses == DnssecState.BOGUS || addresses == DnssecState.UNKNOWN) {
            String reason = a.reason() != null ? a.reason() : aaaa.reason() != null ? aaaa.reason() : dns.whyNotValidating();
            return new HostDane(host, alias, addresses, null, null, DaneStatus.NOT_APPLICABLE, List.of(),
                    "the DNSSEC state of the address records of " + host + " is " + addresses + ": " + reason);
        }
        // Section 2.2.2: with a secure CNAME chain, TLSA is looked up at the end of the chain first, then at the MX name.
        String owner = Tlsa.ownerName(alias != null ? alias : host, port);
        Validated tlsa = dns.lookup(owner, Type.TLSA);
        if (alias != null && addresses == DnssecState.SECURE && tlsa.none()) {
            owner = Tlsa.ownerName(host, port);
            tlsa = dns.lookup(owner, Type.TLSA);
        }
        List<TlsaSeen> seen = new ArrayList<>();
        for (Record r : tlsa.records()) {
            if (r instanceof TLSARecord t) {
                seen.add(Tlsa.seen(t));
            }
        }
        String tlsaName = tlsa.found() ? tlsa.canonicalName() : plain(owner);
        DaneStatus status = status(addresses, tlsa, seen);
        return new HostDane(host, alias, addresses, tlsaName, tlsa.dnssec(), status, seen,
                reason(host, addresses, tlsa, status));
    }

    private static DaneStatus status(DnssecState addresses, Validated tlsa, List<TlsaSeen> seen) {
        if (addresses != DnssecState.SECURE) {
            return tlsa.found() ? DaneStatus.TLSA_INSECURE : DaneStatus.NOT_APPLICABLE;
        }
        if (tlsa.status() == Validated.Status.FAILED) {
            return tlsa.dnssec() == DnssecState.BOGUS ? DaneStatus.TLSA_BOGUS : DaneStatus.LOOKUP_FAILED;
        }
        if (tlsa.none()) {
            return DaneStatus.NO_TLSA;
        }
        if (!tlsa.secure()) {
            return DaneStatus.TLSA_INSECURE;
        }
        return seen.stream().anyMatch(TlsaSeen::usable) ? DaneStatus.USABLE : DaneStatus.UNUSABLE_ONLY;
    }

    private static String reason(String host, DnssecState addresses, Validated tlsa, DaneStatus status) {
        return switch (status) {
            case NOT_APPLICABLE -> "the address records of " + host + " are " + addresses + ": DANE does not apply";
            case TLSA_INSECURE -> addresses != DnssecState.SECURE
                    ? "TLSA records are published but the address records of " + host + " are " + addresses + ": senders ignore them"
                    : "the TLSA records are not signed (insecure): senders ignore them";
            case TLSA_BOGUS, LOOKUP_FAILED -> tlsa.reason();
            case NO_TLSA -> "no TLSA records (" + tlsa.dnssec() + " denial)";
            case UNUSABLE_ONLY -> "secure TLSA records, none usable for SMTP";
            case USABLE -> null;
        };
    }

    /** Both address answers must be secure (a secure "no AAAA" counts) for the host's addresses to be secure. */
    static DnssecState combine(Validated a, Validated aaaa) {
        List<DnssecState> states = List.of(a.dnssec(), aaaa.dnssec());
        if (states.contains(DnssecState.BOGUS)) {
            return DnssecState.BOGUS;
        }
        if (!a.found() && !aaaa.found()) {
            return a.status() == Validated.Status.FAILED ? DnssecState.UNKNOWN
                    : aaaa.status() == Validated.Status.FAILED ? DnssecState.UNKNOWN : DnssecState.INSECURE;
        }
        if (states.contains(DnssecState.UNKNOWN)) {
            return DnssecState.UNKNOWN;
        }
        return states.stream().allMatch(s -> s == DnssecState.SECURE) ? DnssecState.SECURE : DnssecState.INSECURE;
    }

    private static String plain(Name name) {
        return plain(name.toString());
    }

    private static String plain(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
    }
}
