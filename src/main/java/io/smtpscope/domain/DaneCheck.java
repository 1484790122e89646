package io.smtpscope.domain;

import io.smtpscope.cert.DaneMatcher;
import io.smtpscope.result.DaneOutcome;
import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.EndpointDane;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.TlsaMatch;
import io.smtpscope.result.TlsaSeen;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a DANE sender (RFC 7672) would conclude on one MX endpoint, from its host's TLSA records and the chain the
 * probe saw. Pure: the same facts always give the same outcome.
 */
public final class DaneCheck {
    private DaneCheck() {
    }

    /** Null when {@code host} is null (an endpoint not reached through a domain's MX). */
    public static EndpointDane evaluate(HostDane host, ProbeObservation probed) {
        if (host == null) {
            return null;
        }
        return switch (host.status()) {
            case NOT_APPLICABLE, NO_TLSA, TLSA_INSECURE -> new EndpointDane(host.tlsaName(), DaneOutcome.NOT_APPLICABLE,
                    List.of(), host.reason());
            case TLSA_BOGUS, LOOKUP_FAILED -> new EndpointDane(host.tlsaName(), DaneOutcome.UNREACHABLE, List.of(),
                    "the TLSA lookup failed (" + host.reason() + "): DANE senders treat " + host.host() + " as unreachable");
            case UNUSABLE_ONLY, USABLE -> withRecords(host, probed);
        };
    }

    private static EndpointDane withRecords(HostDane host, ProbeObservation probed) {
        List<X509Certificate> chain = probed.chainSeen();
        boolean tls = probed.tls() != null && probed.tls().protocol() != null && !chain.isEmpty();
        if (!tls) {
            List<TlsaMatch> none = host.records().stream().map(r -> new TlsaMatch(r, false, "no TLS session to match against")).toList();
            return new EndpointDane(host.tlsaName(), DaneOutcome.NO_TLS, none,
                    "secure TLSA records require TLS, and no TLS session came up: DANE senders do not deliver here");
        }
        List<String> names = referenceNames(host);
        List<TlsaMatch> matches = new ArrayList<>();
        for (TlsaSeen record : host.records()) {
            matches.add(DaneMatcher.match(record, chain, names));
        }
        long usable = host.records().stream().filter(TlsaSeen::usable).count();
        long matched = matches.stream().filter(TlsaMatch::matched).count();
        if (usable == 0) {
            return new EndpointDane(host.tlsaName(), DaneOutcome.NOT_AUTHENTICATED, matches,
                    "no TLSA record is usable for SMTP: senders require TLS but do not check the certificate");
        }
        if (matched > 0) {
            return new EndpointDane(host.tlsaName(), DaneOutcome.AUTHENTICATED, matches,
                    matched + " of " + usable + " usable TLSA record(s) match the chain the server presented");
        }
        return new EndpointDane(host.tlsaName(), DaneOutcome.NO_MATCH, matches,
                "none of the " + usable + " usable TLSA record(s) matches the chain the server presented: DANE senders do not deliver");
    }

    /**
     * The name a DANE sender puts in SNI for {@code host} (RFC 7672 section 8.1): the TLSA base domain, which for an
     * MX host that is a CNAME with TLSA records at the end of its chain is that end, not the MX name. Null when DANE
     * does not apply (no secure TLSA records): such a sender sends the MX host name, as every other does.
     */
    public static String serverName(HostDane host) {
        if (host == null || (host.status() != DaneStatus.USABLE && host.status() != DaneStatus.UNUSABLE_ONLY)) {
            return null;
        }
        return referenceNames(host).get(0);
    }

    /** The names a DANE-TA certificate may carry: the TLSA base name and the MX host name (RFC 7672 section 3.2.2). */
    static List<String> referenceNames(HostDane host) {
        List<String> names = new ArrayList<>();
        String tlsaName = host.tlsaName();
        if (tlsaName != null && tlsaName.startsWith("_")) {
            int second = tlsaName.indexOf("._tcp.");
            if (second > 0) {
                names.add(tlsaName.substring(second + "._tcp.".length()));
            }
        }
        if (!names.contains(host.host())) {
            names.add(host.host());
        }
        return names;
    }
}
