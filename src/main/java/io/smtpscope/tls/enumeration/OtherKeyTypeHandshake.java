package io.smtpscope.tls.enumeration;

import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.smtp.Transport;
import io.smtpscope.target.Endpoint;
import io.smtpscope.tls.TlsContexts;
import io.smtpscope.tls.TlsTransport;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One TLS 1.3 handshake that offers only the signature schemes of the key type the probe did NOT get, to find a
 * second certificate a TLS 1.3-only server holds: its Certificate message is encrypted (RFC 8446 section 4.4.2),
 * so the raw hellos never see it. A server with RSA and ECDSA certificates picks the one the client's
 * signature_algorithms allow (section 4.2.3); a server with one certificate refuses the handshake, which is the
 * answer "one certificate", not an error. One connection, through the scan's dialer, by the endpoint's deadline.
 */
final class OtherKeyTypeHandshake {
    /** For a probe that got an RSA certificate: ECDSA and EdDSA only. */
    static final List<String> NOT_RSA = List.of("ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
            "ed25519", "ed448");
    /** For a probe that got an ECDSA or EdDSA certificate: RSA only (PSS for TLS 1.3 handshakes, PKCS#1 for chains). */
    static final List<String> ONLY_RSA = List.of("rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
            "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384",
            "rsa_pkcs1_sha512");

    private final ProbeSettings settings;
    private final StartTlsOpener opener;

    OtherKeyTypeHandshake(ProbeSettings settings) {
        this.settings = settings;
        this.opener = new StartTlsOpener(settings);
    }

    /** The schemes to offer against a certificate with this key ({@link java.security.PublicKey#getAlgorithm}). */
    static List<String> otherSchemes(String probedKeyAlgorithm) {
        return probedKeyAlgorithm != null && probedKeyAlgorithm.startsWith("RSA") ? NOT_RSA : ONLY_RSA;
    }

    /**
     * The chain the server presents when {@code probedLeaf}'s key type is not offered, leaf first; empty when the
     * handshake fails (one certificate), the deadline leaves no time, or it presents the same leaf again.
     */
    Optional<List<X509Certificate>> otherChain(Endpoint endpoint, X509Certificate probedLeaf, EndpointDeadline deadline) {
        if (deadline.passed()) {
            return Optional.empty();
        }
        try (Transport raw = opener.open(endpoint, deadline)) {
            TlsTransport tls = TlsTransport.handshake(raw, engine(endpoint, probedLeaf.getPublicKey().getAlgorithm()),
                    deadline.phase("handshake", settings.tlsTimeout().toMillis()));
            List<X509Certificate> chain = tls.peerChain();
            if (chain.isEmpty() || chain.get(0).equals(probedLeaf)) {
                return Optional.empty();
            }
            return Optional.of(chain.subList(0, Math.min(chain.size(), CertificatesSeen.MAX_CHAIN)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // refused: the server has no certificate for these schemes
        }
    }

    private static SSLEngine engine(Endpoint endpoint, String probedKeyAlgorithm) {
        SSLEngine engine = TlsContexts.observingEngine(endpoint.address().getHostAddress(), endpoint.port(), endpoint.serverName());
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(new String[]{"TLSv1.3"});
        parameters.setSignatureSchemes(otherSchemes(probedKeyAlgorithm).toArray(String[]::new));
        engine.setSSLParameters(parameters);
        return engine;
    }
}
