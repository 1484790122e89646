package io.smtpscope.result;

/**
 * DNSSEC of a mail domain's MX RRset ({@code mx}), with the validator's {@code reason} when it is bogus or the lookup
 * failed. The state of each MX host's addresses and TLSA records is in {@code dane.hosts}.
 */
public record DomainDnssec(DnssecState mx, String reason) {
    public DomainDnssec {
        reason = ChainCertificate.escaped(reason);
    }
}
