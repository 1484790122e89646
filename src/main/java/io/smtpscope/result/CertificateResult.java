package io.smtpscope.result;

import java.util.List;

/**
 * The certificate chain as sent, and its validation (done after the handshake, which accepts anything:
 * observe first, judge second).
 */
public record CertificateResult(List<ChainCertificate> chain, boolean trusted, String trustError,
                                String nameChecked, boolean nameMatches, boolean expired, boolean notYetValid,
                                long daysRemaining, boolean selfSigned) {
    public CertificateResult {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }
}
