package io.smtpscope.result;

import java.util.List;

/**
 * One distinct certificate an MX endpoint presented (the probe's, and each key type the enumeration saw), held
 * against the host's TLSA records: a DANE sender may negotiate any of them, depending on the signature algorithms
 * it offers, so each needs a matching usable record (RFC 7671 section 5, RFC 7672 section 3.1). {@code keyType}:
 * RSA, EC, Ed25519...; {@code sha256}: of the DER leaf; {@code spkiSha256}: of its public key, the data a TLSA
 * 3 1 1 record for it carries; {@code matchedRecords}: the usable records that match it, in presentation form.
 */
public record DaneCertificate(String keyType, String sha256, String spkiSha256, boolean matched,
                              List<String> matchedRecords) {
    public DaneCertificate {
        keyType = ChainCertificate.escaped(keyType);
        sha256 = ChainCertificate.escaped(sha256);
        spkiSha256 = ChainCertificate.escaped(spkiSha256);
        matchedRecords = matchedRecords == null ? List.of()
                : matchedRecords.stream().map(ChainCertificate::escaped).toList();
    }
}
