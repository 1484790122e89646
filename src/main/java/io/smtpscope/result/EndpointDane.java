package io.smtpscope.result;

import java.util.List;

/**
 * DANE on one MX endpoint: the TLSA records that apply ({@code tlsa_name}, each record with whether it matched the
 * chain this endpoint presented, and why), the outcome a DANE sender would reach, and {@code why} in plain words.
 */
public record EndpointDane(String tlsaName, DaneOutcome outcome, List<TlsaMatch> records, String why) {
    public EndpointDane {
        records = records == null ? List.of() : List.copyOf(records);
        why = ChainCertificate.escaped(why);
    }
}
