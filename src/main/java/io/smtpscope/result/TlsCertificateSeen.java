package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A server certificate seen during TLS enumeration (TLS 1.2 and below send it in plaintext), one per public-key
 * type: a server can hold an RSA and an ECDSA certificate and pick by cipher suite. {@code keyType}: RSA, EC,
 * DSA, Ed25519...; {@code keyBits}: modulus or curve size; {@code sha256}: fingerprint of the DER certificate;
 * {@code spkiSha256}: SHA-256 of its public key (SubjectPublicKeyInfo), the data of a TLSA 3 1 1 record for it
 * (absent in reports written before it was added). The text fields are the server's and are escaped as in
 * {@link ChainCertificate}.
 */
public record TlsCertificateSeen(String keyType, Integer keyBits, String subject, String sha256,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String spkiSha256) {
    public TlsCertificateSeen {
        keyType = ChainCertificate.escaped(keyType);
        subject = ChainCertificate.escaped(subject);
        sha256 = ChainCertificate.escaped(sha256);
        spkiSha256 = ChainCertificate.escaped(spkiSha256);
    }

    public TlsCertificateSeen(String keyType, Integer keyBits, String subject, String sha256) {
        this(keyType, keyBits, subject, sha256, null);
    }
}
