package io.smtpscope.result;

import java.time.Instant;
import java.util.List;

/** One certificate exactly as the server sent it (position in the chain is its index). */
public record ChainCertificate(String subject, String issuer, String serial, Instant notBefore, Instant notAfter,
                               List<String> sans, String keyAlgorithm, Integer keyBits, String signatureAlgorithm,
                               String sha256) {
    public ChainCertificate {
        sans = sans == null ? List.of() : List.copyOf(sans);
    }
}
