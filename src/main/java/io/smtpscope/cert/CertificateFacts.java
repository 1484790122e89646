package io.smtpscope.cert;

import io.smtpscope.result.ChainCertificate;
import io.smtpscope.text.Printable;

import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** Extracts the report's facts from one certificate. Never throws: a field it cannot read is left null. */
public final class CertificateFacts {
    /** A hostile certificate can carry thousands of SANs; the report keeps the first ones. */
    static final int MAX_SANS = 200;

    private CertificateFacts() {
    }

    public static ChainCertificate of(X509Certificate c) {
        return new ChainCertificate(
                // Names are the server's text: never a raw control or bidi character in the report.
                safe(() -> Printable.escapeControls(c.getSubjectX500Principal().getName(X500Principal.RFC2253))),
                safe(() -> Printable.escapeControls(c.getIssuerX500Principal().getName(X500Principal.RFC2253))),
                safe(() -> c.getSerialNumber().toString(16)),
                safe(() -> c.getNotBefore().toInstant()),
                safe(() -> c.getNotAfter().toInstant()),
                sans(c),
                safe(() -> keyAlgorithm(c.getPublicKey())),
                safe(() -> keyBits(c.getPublicKey())),
                safe(c::getSigAlgName),
                safe(() -> sha256(c)));
    }

    public static String sha256(X509Certificate c) throws CertificateEncodingException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    static String keyAlgorithm(PublicKey key) {
        return switch (key) {
            case EdECPublicKey ed -> ed.getParams() instanceof NamedParameterSpec n ? n.getName() : "EdDSA";
            case XECPublicKey x -> x.getParams() instanceof NamedParameterSpec n ? n.getName() : "XDH";
            default -> key.getAlgorithm();
        };
    }

    static Integer keyBits(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> rsa.getModulus().bitLength();
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize();
            case DSAPublicKey dsa -> dsa.getParams() == null ? null : dsa.getParams().getP().bitLength();
            case EdECPublicKey ed -> "Ed448".equals(keyAlgorithm(ed)) ? 456 : 255;
            default -> null;
        };
    }

    static List<String> sans(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            for (List<?> entry : names) {
                if (out.size() >= MAX_SANS) {
                    out.add("... " + (names.size() - MAX_SANS) + " more");
                    break;
                }
                if (entry.size() < 2 || !(entry.get(0) instanceof Integer type)) {
                    continue;
                }
                String prefix = switch (type) {
                    case 1 -> "email:";
                    case 2 -> "DNS:";
                    case 6 -> "URI:";
                    case 7 -> "IP:";
                    default -> null;
                };
                if (prefix != null && entry.get(1) instanceof String value) {
                    out.add(prefix + Printable.escapeControls(value));
                }
            }
        } catch (CertificateParsingException | RuntimeException e) {
            out.add("(unreadable subjectAltName extension)");
        }
        return out;
    }

    private interface Getter<T> {
        T get() throws Exception;
    }

    private static <T> T safe(Getter<T> getter) {
        try {
            return getter.get();
        } catch (Exception e) {
            return null;
        }
    }
}
