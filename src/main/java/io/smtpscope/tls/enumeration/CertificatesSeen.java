package io.smtpscope.tls.enumeration;

import io.smtpscope.result.TlsCertificateSeen;
import io.smtpscope.text.Printable;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the leaf certificate of each public-key type from plaintext Certificate messages. */
final class CertificatesSeen {
    private static final int MAX_TYPES = 8;
    private final Map<String, TlsCertificateSeen> byType = new LinkedHashMap<>();

    void add(List<byte[]> chain) {
        if (chain.isEmpty() || byType.size() >= MAX_TYPES) {
            return;
        }
        try {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(chain.get(0)));
            PublicKey key = leaf.getPublicKey();
            String type = key.getAlgorithm();
            byType.computeIfAbsent(type, t -> new TlsCertificateSeen(t, bits(key),
                    // the server's text: escaped like every certificate name that reaches the report
                    Printable.shorten(Printable.escapeControls(leaf.getSubjectX500Principal().getName()), 256),
                    sha256(chain.get(0))));
        } catch (CertificateException | RuntimeException e) {
            // an unparsable certificate is the certificate checker's business, not enumeration's
        }
    }

    List<TlsCertificateSeen> list() {
        return byType.isEmpty() ? null : new ArrayList<>(byType.values());
    }

    private static Integer bits(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> rsa.getModulus().bitLength();
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize();
            case DSAPublicKey dsa -> dsa.getParams().getP().bitLength();
            default -> null;
        };
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
