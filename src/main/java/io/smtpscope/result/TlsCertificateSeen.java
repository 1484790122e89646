package io.smtpscope.result;

/**
 * A server certificate seen during TLS enumeration (TLS 1.2 and below send it in plaintext), one per public-key
 * type: a server can hold an RSA and an ECDSA certificate and pick by cipher suite. {@code keyType}: RSA, EC,
 * DSA, Ed25519...; {@code keyBits}: modulus or curve size; {@code sha256}: fingerprint of the DER certificate.
 * The text fields are the server's and are escaped as in {@link ChainCertificate}.
 */
public record TlsCertificateSeen(String keyType, Integer keyBits, String subject, String sha256) {
    public TlsCertificateSeen {
        keyType = ChainCertificate.escaped(keyType);
        subject = ChainCertificate.escaped(subject);
        sha256 = ChainCertificate.escaped(sha256);
    }
}
