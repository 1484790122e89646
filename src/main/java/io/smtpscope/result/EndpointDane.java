package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * DANE on one MX endpoint: the TLSA records that apply ({@code tlsa_name}, each record with whether it matched a
 * chain this endpoint presented, and why), the outcome a DANE sender would reach, and {@code why} in plain words.
 * {@code certificates}: each distinct certificate the endpoint presented, with the records matching it (left out
 * when no certificate was held against records: no TLS, no TLSA, reports from before it was added).
 */
public record EndpointDane(String tlsaName, DaneOutcome outcome, List<TlsaMatch> records, String why,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DaneCertificate> certificates) {
    public EndpointDane {
        records = records == null ? List.of() : List.copyOf(records);
        why = ChainCertificate.escaped(why);
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    public EndpointDane(String tlsaName, DaneOutcome outcome, List<TlsaMatch> records, String why) {
        this(tlsaName, outcome, records, why, List.of());
    }
}
