package io.smtpscope.domain;

import io.smtpscope.cert.DaneMatcher;
import io.smtpscope.result.DaneCertificate;
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
        return evaluate(host, probed, List.of());
    }

    /**
     * As above, holding the records against every distinct certificate the endpoint presented: the probe's chain
     * and {@code otherChains} (leaf first; the enumeration's, one per key type). A DANE sender may get any of them,
     * so the endpoint is authenticated only when each is matched (RFC 7671 section 5).
     */
    public static EndpointDane evaluate(HostDane host, ProbeObservation probed, List<List<X509Certificate>> otherChains) {
        if (host == null) {
            return null;
        }
        return switch (host.status()) {
            case NOT_APPLICABLE, NO_TLSA, TLSA_INSECURE -> new EndpointDane(host.tlsaName(), DaneOutcome.NOT_APPLICABLE,
                    List.of(), host.reason());
            case TLSA_BOGUS, LOOKUP_FAILED -> new EndpointDane(host.tlsaName(), DaneOutcome.UNREACHABLE, List.of(),
                    "the TLSA lookup failed (" + host.reason() + "): DANE senders treat " + host.host() + " as unreachable");
            case UNUSABLE_ONLY, USABLE -> withRecords(host, probed, otherChains);
        };
    }

    private static EndpointDane withRecords(HostDane host, ProbeObservation probed, List<List<X509Certificate>> otherChains) {
        List<X509Certificate> chain = probed.chainSeen();
        boolean tls = probed.tls() != null && probed.tls().protocol() != null && !chain.isEmpty();
        if (!tls) {
            List<TlsaMatch> none = host.records().stream().map(r -> new TlsaMatch(r, false, "no TLS session to match against")).toList();
            return new EndpointDane(host.tlsaName(), DaneOutcome.NO_TLS, none,
                    "secure TLSA records require TLS, and no TLS session came up: DANE senders do not deliver here");
        }
        List<String> names = referenceNames(host);
        List<PresentedChain> presented = PresentedChain.distinct(chain, otherChains);
        List<TlsaMatch> matches = new ArrayList<>();
        for (TlsaSeen record : host.records()) {
            matches.add(bestMatch(record, presented, names));
        }
        List<DaneCertificate> certificates = presented.stream().map(p -> p.judged(host.records(), names)).toList();
        long usable = host.records().stream().filter(TlsaSeen::usable).count();
        long matched = matches.stream().filter(TlsaMatch::matched).count();
        long certificatesMatched = certificates.stream().filter(DaneCertificate::matched).count();
        String presentedWords = presented.size() == 1 ? "the chain the server presented"
                : "the " + presented.size() + " certificates the server presented ("
                  + String.join(", ", presented.stream().map(PresentedChain::keyType).toList()) + ")";
        if (usable == 0) {
            return new EndpointDane(host.tlsaName(), DaneOutcome.NOT_AUTHENTICATED, matches,
                    "no TLSA record is usable for SMTP: senders require TLS but do not check the certificate", certificates);
        }
        if (certificatesMatched == certificates.size()) {
            return new EndpointDane(host.tlsaName(), DaneOutcome.AUTHENTICATED, matches,
                    matched + " of " + usable + " usable TLSA record(s) match " + presentedWords, certificates);
        }
        if (certificatesMatched > 0) {
            String unmatched = String.join(", ", certificates.stream().filter(c -> !c.matched()).map(DaneCertificate::keyType).toList());
            return new EndpointDane(host.tlsaName(), DaneOutcome.PARTIAL_MATCH, matches,
                    certificatesMatched + " of " + certificates.size() + " certificates the server presented match a usable TLSA"
                            + " record; none matches its " + unmatched + " certificate: DANE senders that negotiate it do not deliver",
                    certificates);
        }
        return new EndpointDane(host.tlsaName(), DaneOutcome.NO_MATCH, matches,
                "none of the " + usable + " usable TLSA record(s) matches " + presentedWords + ": DANE senders do not deliver",
                certificates);
    }

    /**
     * The record held against each certificate presented: its match against the probe's chain unless another
     * certificate matches it (then that match, naming the certificate). With one certificate, the probe's match.
     */
    private static TlsaMatch bestMatch(TlsaSeen record, List<PresentedChain> presented, List<String> names) {
        TlsaMatch first = DaneMatcher.match(record, presented.get(0).chain(), names);
        if (presented.size() == 1) {
            return first;
        }
        if (first.matched()) {
            return new TlsaMatch(record, true, presented.get(0).keyType() + " certificate: " + first.why());
        }
        for (PresentedChain other : presented.subList(1, presented.size())) {
            TlsaMatch m = DaneMatcher.match(record, other.chain(), names);
            if (m.matched()) {
                return new TlsaMatch(record, true, other.keyType() + " certificate: " + m.why());
            }
        }
        return new TlsaMatch(record, false, "matches none of the " + presented.size() + " certificates; "
                + presented.get(0).keyType() + " certificate: " + first.why());
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
