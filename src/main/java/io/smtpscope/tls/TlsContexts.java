package io.smtpscope.tls;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client TLS configuration used to <em>observe</em> a server: it accepts any certificate (validation
 * is a separate, later step) and offers every protocol and suite the JDK can run, legacy ones included,
 * so that a server stuck on TLS 1.0 is still described instead of failing with a vague handshake error.
 */
public final class TlsContexts {
    static {
        // The JDK refuses TLS 1.0/1.1 and legacy suites by default. An observer must be able to reach them;
        // what is weak is judged afterwards by the findings, not refused by the transport.
        Security.setProperty("jdk.tls.disabledAlgorithms", "NULL, anon");
    }

    private static final SSLContext OBSERVING = create();

    private TlsContexts() {
    }

    /** Call early (before any other TLS use in the JVM) so the relaxed algorithm policy takes effect. */
    public static void init() {
        // class initialisation does the work
    }

    private static SSLContext create() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new AcceptAnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no usable TLS implementation", e);
        }
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
