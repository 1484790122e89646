package io.smtpscope.finding;

import io.smtpscope.result.DaneCertificate;
import io.smtpscope.result.EndpointDane;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.TlsaMatch;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What DANE (RFC 7672) concludes on one MX endpoint: the chain matched none of the usable TLSA records, one of the
 * server's certificates (RSA, ECDSA) matched none while another did, TLS did not come up where TLSA requires it, or a
 * rollover is in progress (several records, some matching). Failures of the
 * TLSA lookup itself are the domain's findings (one per host, not one per address).
 */
final class DaneRules {
    private DaneRules() {
    }

    static void apply(EndpointResult e, Emitter out) {
        EndpointDane dane = e.dane();
        if (dane == null || dane.outcome() == null) {
            return;
        }
        String records = dane.records().stream().map(m -> m.record().presentation() + ": " + m.why())
                .collect(Collectors.joining("; "));
        switch (dane.outcome()) {
            case NO_MATCH -> out.emit("DANE_NO_MATCH", Map.of("tlsa_name", String.valueOf(dane.tlsaName()), "records", records));
            case NO_TLS -> out.emit("DANE_NO_TLS", Map.of("tlsa_name", String.valueOf(dane.tlsaName())));
            case PARTIAL_MATCH -> out.emit("DANE_CERTIFICATE_UNMATCHED", Map.of("tlsa_name", String.valueOf(dane.tlsaName()),
                    "unmatched", describe(dane.certificates().stream().filter(c -> !c.matched()).toList()),
                    "matched", describe(dane.certificates().stream().filter(DaneCertificate::matched).toList())));
            case AUTHENTICATED -> {
                long usable = dane.records().stream().filter(m -> m.record().usable()).count();
                long matched = dane.records().stream().filter(TlsaMatch::matched).count();
                if (usable > matched) {
                    out.emit("DANE_ROLLOVER", Map.of("tlsa_name", String.valueOf(dane.tlsaName()), "records", records,
                            "matched", Long.toString(matched), "usable", Long.toString(usable)));
                }
            }
            default -> {
            }
        }
    }

    /** Each certificate by key type, fingerprint and the TLSA 3 1 1 record that would match its key. */
    private static String describe(List<DaneCertificate> certificates) {
        return certificates.stream().map(c -> c.keyType() + " certificate sha256 " + c.sha256()
                        + (c.matched() ? " (matched by " + String.join(", ", c.matchedRecords()) + ")"
                        : " (TLSA 3 1 1 " + c.spkiSha256() + " would match its key)"))
                .collect(Collectors.joining("; "));
    }
}
