package io.smtpscope.cert;

import io.smtpscope.text.Printable;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a TLS client checks once a path to a trusted root exists: that the certificate is meant for TLS servers,
 * and what the JDK's own TLS trust manager refuses for a server (its CA distrust policies,
 * {@code jdk.security.caDistrustPolicies}; the algorithm limits for TLS servers in {@code jdk.certpath.disabledAlgorithms};
 * a key usage that allows no key exchange). A certificate that fails here is one no mail client accepts, so it is
 * not "trusted", for the scan's verdict as for the gate before credentials.
 */
final class ServerCertificateChecks {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final Map<String, String> PURPOSES = Map.of(SERVER_AUTH, "serverAuth", "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4", "emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning", ANY_EXTENDED_KEY_USAGE, "anyExtendedKeyUsage");
    /** Purposes named in a message; a certificate may list any number. */
    private static final int MAX_NAMED = 6;
    private static final int MAX_JDK_MESSAGE = 300;

    private ServerCertificateChecks() {
    }

    /** Null when a TLS client accepts {@code chain} (already known to lead to one of {@code anchors}); else why not. */
    static String problem(List<X509Certificate> chain, TrustAnchors anchors, Instant now) {
        String purpose = extendedKeyUsageProblem(chain.get(0));
        return purpose != null ? purpose : jdkTrustManagerProblem(chain, anchors, now);
    }

    /**
     * RFC 5280 section 4.2.1.12: when the extension is present the certificate may be used only for the purposes
     * it lists. A TLS server certificate must list serverAuth (RFC 5246 section 7.4.2; CA/Browser Forum baseline
     * requirements). anyExtendedKeyUsage alone is not enough: OpenSSL, which most MTAs use, refuses it for a server
     * (its "sslserver" purpose), even though the JDK and Go accept it.
     */
    static String extendedKeyUsageProblem(X509Certificate leaf) {
        List<String> purposes;
        try {
            purposes = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "the certificate's extended key usage extension cannot be read, so no TLS client accepts it for a server";
        }
        if (purposes == null || purposes.contains(SERVER_AUTH)) {
            return null;
        }
        String listed = purposes.isEmpty() ? "no purpose at all" : purposes.stream().limit(MAX_NAMED)
                .map(oid -> PURPOSES.getOrDefault(oid, Printable.escapeControls(oid)))
                .collect(Collectors.joining(", ")) + (purposes.size() > MAX_NAMED ? ", ..." : "");
        return "the certificate is not meant for TLS servers: its extended key usage lists " + listed
                + ", not serverAuth (RFC 5280 section 4.2.1.12), so mail clients and sending MTAs refuse it"
                + "; reissue it with extendedKeyUsage serverAuth";
    }

    /** The JDK's trust manager for a TLS server certificate, with the same anchors and date as the path check. */
    private static String jdkTrustManagerProblem(List<X509Certificate> chain, TrustAnchors anchors, Instant now) {
        X509TrustManager manager;
        try {
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors.anchors(), null);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(new CertPathTrustManagerParameters(parameters));
            manager = firstX509(factory.getTrustManagers());
        } catch (GeneralSecurityException e) {
            return "cannot validate as a TLS client: " + e.getMessage();
        }
        try {
            manager.checkServerTrusted(chain.toArray(X509Certificate[]::new), keyExchangeFor(chain.get(0)));
            return null;
        } catch (CertificateException e) {
            return "a TLS client refuses the certificate: " + Printable.shorten(Printable.escapeControls(String.valueOf(e.getMessage())), MAX_JDK_MESSAGE);
        } catch (RuntimeException e) {
            return "cannot validate a malformed chain as a TLS client: " + Printable.shorten(Printable.escapeControls(String.valueOf(e.getMessage())), MAX_JDK_MESSAGE);
        }
    }

    private static X509TrustManager firstX509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK's PKIX trust manager factory made no X.509 trust manager");
    }

    /**
     * The trust manager checks the key usage against the negotiated key exchange (RFC 5246 section 7.4.2, RFC 8446
     * section 4.4.2.2). Which one a session negotiates is not known here, so ask for one the certificate allows: it
     * is refused only when its key usage allows none (digitalSignature for (EC)DHE and TLS 1.3, keyEncipherment for
     * RSA key transport, keyAgreement for static (EC)DH).
     */
    private static String keyExchangeFor(X509Certificate leaf) {
        boolean[] usage = leaf.getKeyUsage();
        if (usage == null || usage.length > 0 && usage[0]) {
            return "UNKNOWN"; // the JDK's name for TLS 1.3 and signature-based exchanges
        }
        if (usage.length > 2 && usage[2]) {
            return "RSA";
        }
        if (usage.length > 4 && usage[4]) {
            return "ECDH_ECDSA";
        }
        return "UNKNOWN";
    }
}
