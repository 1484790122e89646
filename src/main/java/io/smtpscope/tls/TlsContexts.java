package io.smtpscope.tls;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The client TLS configurations, one per {@link TlsPolicy}.
 *
 * <p><b>Why one security property is relaxed for the whole process.</b> To <em>observe</em> a server stuck on
 * SSLv3 or TLS 1.0, or offering only RC4 or 3DES, the JDK must be able to negotiate them. In JDK 25 SunJSSE
 * reads {@code jdk.tls.disabledAlgorithms} once, into a static field of {@code sun.security.ssl.SSLAlgorithmConstraints},
 * and checks it on every engine <em>in addition to</em> the engine's own {@code SSLParameters.setAlgorithmConstraints}
 * (the two are ANDed, for protocols in {@code HandshakeContext.getActiveProtocols} as for suites, groups and
 * signature schemes): an engine can be made stricter than the property, never looser. So the observing engines
 * need the property relaxed, before any TLS use in the JVM; this class does it in its initialiser and nothing
 * else in smtpscope touches the property.
 *
 * <p><b>How it is contained.</b> The property's value is read before it is relaxed. Every engine that carries
 * something worth protecting ({@link TlsPolicy#STRICT}: login, send-test, webhooks) gets that value back as its
 * own algorithm constraints (see {@link DisabledAlgorithms}), never less than TLS 1.2 (RFC 8996 deprecates TLS 1.0
 * and 1.1), and offers only the protocols and suites that policy permits: the JDK defaults, as a fresh JVM has them.
 */
public final class TlsContexts {
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";
    /** What an observer still never offers: no encryption, or no authentication of the server at all. */
    private static final String OBSERVING_POLICY = "NULL, anon";
    /** Whatever java.security says, credentials never travel below TLS 1.2 (RFC 8996). */
    private static final String PROTOCOL_FLOOR = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0";
    /** The JVM's own policy, as configured before this class relaxed it. */
    private static final String JDK_POLICY;

    static {
        String configured = Security.getProperty(PROPERTY);
        JDK_POLICY = configured == null ? "" : configured;
        Security.setProperty(PROPERTY, OBSERVING_POLICY);
    }

    private static final DisabledAlgorithms STRICT_CONSTRAINTS = DisabledAlgorithms.parse(JDK_POLICY + ", " + PROTOCOL_FLOOR);
    private static final SSLContext OBSERVING = acceptingAnyCertificate();
    /** Its own context, so that no session negotiated while observing is ever offered for resumption here. */
    private static final SSLContext STRICT_SMTP = acceptingAnyCertificate();

    private TlsContexts() {
    }

    /** Call early (before any other TLS use in the JVM) so the relaxed algorithm policy takes effect. */
    public static void init() {
        // class initialisation does the work
    }

    private static SSLContext acceptingAnyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new AcceptAnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no usable TLS implementation", e);
        }
    }

    /** A client engine for an SMTP server under {@code policy}; see {@link #observingEngine} and {@link #strictEngine}. */
    public static SSLEngine engine(TlsPolicy policy, String peerHost, int port, String sniName) {
        return switch (policy) {
            case OBSERVING -> observingEngine(peerHost, port, sniName);
            case STRICT -> strictEngine(peerHost, port, sniName);
        };
    }

    /**
     * A client engine for {@code peerHost:port} sending {@code sniName} as SNI (RFC 6066) when it is a
     * DNS name; IP literals are not sent, as the RFC forbids.
     */
    public static SSLEngine observingEngine(String peerHost, int port, String sniName) {
        SSLEngine engine = OBSERVING.createSSLEngine(peerHost, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(Arrays.stream(engine.getSupportedProtocols())
                .filter(p -> !p.equals("SSLv2Hello") && !p.startsWith("DTLS"))
                .toArray(String[]::new));
        parameters.setCipherSuites(offeredSuites(engine));
        parameters.setEndpointIdentificationAlgorithm(null);
        String sni = sniName(sniName);
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * A client engine for an SMTP server that will receive credentials or a message: the strict policy. It accepts
     * any certificate during the handshake because the certificate is judged right after it, by
     * {@code cert.ChainValidator}, and nothing is sent before that verdict allows it (the session's gate).
     */
    public static SSLEngine strictEngine(String peerHost, int port, String sniName) {
        SSLEngine engine = STRICT_SMTP.createSSLEngine(peerHost, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = strict(engine);
        String sni = sniName(sniName);
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * The strict policy for a client on the JDK's default context (its trust store), e.g. an {@code HttpClient},
     * which checks the host name itself.
     */
    public static SSLParameters strictParameters() {
        try {
            SSLEngine engine = SSLContext.getDefault().createSSLEngine();
            engine.setUseClientMode(true);
            return strict(engine);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /** The engine's defaults (what a fresh JVM enables) less what the strict policy refuses, and that policy itself. */
    private static SSLParameters strict(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(Arrays.stream(engine.getEnabledProtocols())
                .filter(STRICT_CONSTRAINTS::permitsName).toArray(String[]::new));
        parameters.setCipherSuites(Arrays.stream(engine.getEnabledCipherSuites())
                .filter(STRICT_CONSTRAINTS::permitsName).toArray(String[]::new));
        parameters.setAlgorithmConstraints(STRICT_CONSTRAINTS);
        return parameters;
    }

    /**
     * What the strict policy refuses in a negotiated {@code protocol} and {@code cipherSuite} (as a scan observes
     * them), in words: "protocol TLSv1", "cipher suite TLS_RSA_WITH_AES_128_CBC_SHA"; empty when it allows both.
     */
    public static Optional<String> strictlyRefused(String protocol, String cipherSuite) {
        if (protocol != null && !STRICT_CONSTRAINTS.permitsName(protocol)) {
            return Optional.of("protocol " + protocol);
        }
        if (cipherSuite != null && !STRICT_CONSTRAINTS.permitsName(cipherSuite)) {
            return Optional.of("cipher suite " + cipherSuite);
        }
        return Optional.empty();
    }

    /** The name to send as SNI for {@code name}, or null when none may be sent (address literal, invalid name). */
    public static String sniName(String name) {
        if (name == null || io.smtpscope.target.HostSyntax.isIpLiteral(name)) {
            return null;
        }
        try {
            return new SNIHostName(name).getAsciiName();
        } catch (IllegalArgumentException notAnSniName) {
            return null;
        }
    }

    /** The JDK's default suites first (a real client's preference), then the legacy ones it also supports. */
    private static String[] offeredSuites(SSLEngine engine) {
        List<String> suites = new ArrayList<>(Arrays.asList(engine.getEnabledCipherSuites()));
        for (String suite : engine.getSupportedCipherSuites()) {
            boolean unsafeToOffer = suite.contains("_NULL_") || suite.contains("_anon_") || suite.contains("_EXPORT")
                    || suite.contains("KRB5");
            if (!unsafeToOffer && !suites.contains(suite)) {
                suites.add(suite);
            }
        }
        return suites.toArray(String[]::new);
    }

    /** Observation only: the chain is recorded and validated later by {@code cert.ChainValidator}. */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
