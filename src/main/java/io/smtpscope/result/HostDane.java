package io.smtpscope.result;

import java.util.List;

/**
 * The DNS side of DANE for one MX host (RFC 7672 section 2.2): its address records' DNSSEC state, where its TLSA
 * records were looked up ({@code tlsa_name}: {@code _25._tcp.} + the host, or + the end of its CNAME chain, section
 * 2.2.2; null when the lookup was not made), the TLSA answer's state and records, and {@code reason} for a failure.
 * {@code canonical_name}: the end of the host's CNAME chain, null when the host is not an alias.
 */
public record HostDane(String host, String canonicalName, DnssecState addresses, String tlsaName, DnssecState tlsaDnssec,
                       DaneStatus status, List<TlsaSeen> records, String reason) {
    public HostDane {
        records = records == null ? List.of() : List.copyOf(records);
        reason = ChainCertificate.escaped(reason);
    }
}
