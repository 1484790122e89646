package io.smtpscope.result;

import io.smtpscope.text.Printable;

import java.time.Instant;
import java.util.List;

/**
 * One certificate exactly as the server sent it (position in the chain is its index).
 *
 * <p>Every text field is the server's text: a certificate's names may hold any character, and an unknown algorithm
 * comes back as whatever its encoding says. They are escaped here, whoever builds the record (the certificate
 * reader, the history, a saved report read back), so no writer can print a raw control, bidi or zero-width character
 * ({@link Printable}). Escaping is idempotent, so a report read back keeps its values.
 */
public record ChainCertificate(String subject, String issuer, String serial, Instant notBefore, Instant notAfter,
                               List<String> sans, String keyAlgorithm, Integer keyBits, String signatureAlgorithm,
                               String sha256) {
    public ChainCertificate {
        subject = escaped(subject);
        issuer = escaped(issuer);
        serial = escaped(serial);
        sans = sans == null ? List.of() : sans.stream().map(ChainCertificate::escaped).toList();
        keyAlgorithm = escaped(keyAlgorithm);
        signatureAlgorithm = escaped(signatureAlgorithm);
        sha256 = escaped(sha256);
    }

    static String escaped(String text) {
        return text == null ? null : Printable.escapeControls(text);
    }
}
