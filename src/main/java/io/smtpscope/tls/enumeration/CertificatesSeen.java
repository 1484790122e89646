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

/**
 * Collects the certificate of each public-key type from plaintext Certificate messages: for the report the leaf's
 * facts, and in memory (never reported) the chain itself, so that DANE can be judged on every certificate the
 * server holds (RFC 7671 section 5: a server with RSA and ECDSA certificates needs a matching TLSA record for each).
 */
final class CertificatesSeen {
    private static final int MAX_TYPES = 8;
    /** Real chains are 2 to 4 certificates; a server sending more gets the first ten looked at. */
    static final int MAX_CHAIN = 10;
    private final Map<String, TlsCertificateSeen> byType = new LinkedHashMap<>();
    private final Map<String, List<X509Certificate>> chains = new LinkedHashMap<>();

    void add(List<byte[]> chain) {
        if (chain.isEmpty() || byType.size() >= MAX_TYPES) {
            return;
        }
        try {
            X509Certificate leaf = parse(chain.get(0));
            PublicKey key = leaf.getPublicKey();
            String type = key.getAlgorithm();
            if (byType.containsKey(type)) {
                return;
            }
            byType.put(type, new TlsCertificateSeen(type, bits(key),
                    // the server's text: escaped like every certificate name that reaches the report
                    Printable.shorten(Printable.escapeControls(leaf.getSubjectX500Principal().getName()), 256),
                    sha256(chain.get(0)), sha256(key.getEncoded())));
            chains.put(type, parsedChain(leaf, chain));
        } catch (CertificateException | RuntimeException e) {
            // an unparsable certificate is the certificate checker's business, not enumeration's
        }
    }

    List<TlsCertificateSeen> list() {
        return byType.isEmpty() ? null : new ArrayList<>(byType.values());
    }

    /** The chain seen for each key type, leaf first, in the order the types were first seen. */
    List<List<X509Certificate>> chains() {
        return List.copyOf(chains.values());
    }

    /** The leaf and the certificates after it, up to the first that does not parse (a chain has no gaps). */
    private static List<X509Certificate> parsedChain(X509Certificate leaf, List<byte[]> chain) {
        List<X509Certificate> parsed = new ArrayList<>();
        parsed.add(leaf);
        for (int i = 1; i < chain.size() && i < MAX_CHAIN; i++) {
            try {
                parsed.add(parse(chain.get(i)));
            } catch (CertificateException | RuntimeException e) {
                break;
            }
        }
        return List.copyOf(parsed);
    }

    private static X509Certificate parse(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
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
