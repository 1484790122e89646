package io.smtpscope.https;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.result.CertificateResult;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Accepts a server's chain only when a WebPKI client would for {@code host}: a path to the scan's trust anchors,
 * a certificate meant for TLS servers, valid today, and the name matching per RFC 6125 ({@link ChainValidator}).
 * It remembers its verdict, so that a failed handshake can be told from a refused certificate. Being an
 * {@link X509ExtendedTrustManager}, it is the whole check: the JDK adds no host name check of its own.
 */
final class CheckingTrustManager extends X509ExtendedTrustManager {
    private final ChainValidator validator;
    private final String host;
    private volatile CertificateResult verdict;

    CheckingTrustManager(TrustAnchors anchors, String host) {
        this.validator = new ChainValidator(anchors);
        this.host = host;
    }

    /** Null until a chain was seen. */
    CertificateResult verdict() {
        return verdict;
    }

    static boolean acceptable(CertificateResult r) {
        return r.trusted() && r.nameMatches() && !r.expired() && !r.notYetValid();
    }

    static String problem(CertificateResult r) {
        if (!r.trusted()) {
            return r.trustError();
        }
        if (!r.nameMatches()) {
            return "the certificate is not valid for " + r.nameChecked();
        }
        if (r.expired()) {
            return "the certificate has expired";
        }
        return r.notYetValid() ? "the certificate is not valid yet" : null;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        CertificateResult result = validator.inspect(chain == null ? List.of() : Arrays.asList(chain), host, Instant.now());
        verdict = result;
        if (!acceptable(result)) {
            throw new CertificateException(problem(result));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client, not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client, not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client, not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
