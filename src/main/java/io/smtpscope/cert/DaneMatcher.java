package io.smtpscope.cert;

import io.smtpscope.result.TlsaMatch;
import io.smtpscope.result.TlsaSeen;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * Holds one TLSA record against the chain a server presented, as an SMTP client doing DANE does (RFC 7672 section
 * 3.1, RFC 7671). DANE-EE (3): the leaf certificate or its public key matches; no name or date checks. DANE-TA (2):
 * a certificate the server sent matches and the chain below it is signed link by link down to the leaf, whose
 * names must include one of the reference names (the TLSA base name or the MX host name, section 3.2.2).
 * The chain must be sent: a trust anchor the server does not send cannot be matched.
 */
public final class DaneMatcher {
    private DaneMatcher() {
    }

    /** {@code referenceNames}: the names a DANE-TA leaf may carry (TLSA base name, MX host name). */
    public static TlsaMatch match(TlsaSeen record, List<X509Certificate> chain, List<String> referenceNames) {
        if (!record.usable()) {
            return new TlsaMatch(record, false, "not usable: " + record.unusableWhy());
        }
        if (chain.isEmpty()) {
            return new TlsaMatch(record, false, "the server presented no certificate");
        }
        return record.usage() == 3 ? matchEndEntity(record, chain.get(0)) : matchTrustAnchor(record, chain, referenceNames);
    }

    private static TlsaMatch matchEndEntity(TlsaSeen record, X509Certificate leaf) {
        if (matches(record, leaf)) {
            return new TlsaMatch(record, true, "matches the server's " + (record.selector() == 0 ? "certificate" : "public key")
                    + " (DANE-EE: no name or date checks)");
        }
        return new TlsaMatch(record, false, "does not match the server's " + (record.selector() == 0 ? "certificate" : "public key")
                + " (" + describeDigest(record, leaf) + ")");
    }

    private static TlsaMatch matchTrustAnchor(TlsaSeen record, List<X509Certificate> chain, List<String> referenceNames) {
        if (chain.size() < 2) {
            return new TlsaMatch(record, false,
                    "DANE-TA: the server sent only its own certificate; it must send the chain up to the trust anchor");
        }
        int anchor = -1;
        for (int i = 1; i < chain.size() && anchor < 0; i++) {
            if (matches(record, chain.get(i))) {
                anchor = i;
            }
        }
        if (anchor < 0) {
            return new TlsaMatch(record, false, "DANE-TA: no certificate the server sent above its own matches");
        }
        for (int i = 0; i < anchor; i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (Exception e) {
                return new TlsaMatch(record, false, "DANE-TA: certificate " + i + " of the chain is not signed by certificate "
                        + (i + 1) + ", so the chain does not lead to the matching trust anchor (certificate " + anchor + ")");
            }
        }
        X509Certificate leaf = chain.get(0);
        for (String name : referenceNames) {
            if (name != null && HostnameMatcher.matches(name, leaf)) {
                return new TlsaMatch(record, true, "matches certificate " + anchor + " of the chain (DANE-TA), and the server's"
                        + " certificate is issued under it for " + name);
            }
        }
        return new TlsaMatch(record, false, "DANE-TA: certificate " + anchor + " of the chain matches, but the server's"
                + " certificate is not valid for " + String.join(" or ", referenceNames.stream().filter(n -> n != null).toList())
                + " (RFC 7672 section 3.2.2)");
    }

    /** True when {@code certificate} (selected and digested as the record says) equals the record's data. */
    static boolean matches(TlsaSeen record, X509Certificate certificate) {
        try {
            return MessageDigest.isEqual(associationData(record.selector(), record.matchingType(), certificate),
                    HexFormat.of().parseHex(record.data()));
        } catch (Exception e) {
            return false; // an unreadable certificate or malformed hex matches nothing
        }
    }

    /** The association data {@code certificate} would have under this selector and matching type. */
    public static byte[] associationData(int selector, int matchingType, X509Certificate certificate)
            throws java.security.cert.CertificateEncodingException, NoSuchAlgorithmException {
        byte[] selected = selector == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
        return switch (matchingType) {
            case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
            case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
            default -> selected;
        };
    }

    private static String describeDigest(TlsaSeen record, X509Certificate leaf) {
        try {
            byte[] actual = associationData(record.selector(), record.matchingType(), leaf);
            String hex = HexFormat.of().formatHex(actual);
            return "the server's is " + record.usage() + " " + record.selector() + " " + record.matchingType() + " "
                    + (hex.length() > 64 ? hex.substring(0, 64) + "..." : hex);
        } catch (Exception e) {
            return "the server's certificate cannot be read: " + e.getMessage();
        }
    }
}
