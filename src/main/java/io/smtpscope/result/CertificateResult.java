package io.smtpscope.result;

import java.util.List;

/**
 * The certificate chain as sent, and its validation (done after the handshake, which accepts anything:
 * observe first, judge second). {@code trustError} quotes the certificate (its issuer) and the JDK's path
 * builder, and {@code nameChecked} may come from a saved report: both are escaped as in {@link ChainCertificate}.
 */
public record CertificateResult(List<ChainCertificate> chain, boolean trusted, String trustError,
                                String nameChecked, boolean nameMatches, boolean expired, boolean notYetValid,
                                long daysRemaining, boolean selfSigned) {
    public CertificateResult {
        chain = chain == null ? List.of() : List.copyOf(chain);
        trustError = ChainCertificate.escaped(trustError);
        nameChecked = ChainCertificate.escaped(nameChecked);
    }
}
