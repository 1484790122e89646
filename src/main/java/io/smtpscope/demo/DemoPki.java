package io.smtpscope.demo;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Principal;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one throw-away PKI of the demo and of the tests: a root CA (or an intermediate below one) that issues
 * server certificates with chosen names and dates (expired, not yet valid, wrong name), and self-signed ones.
 * {@link #certificate} and {@link #selfSignedCertificate} return a {@link CertificateBuilder} for everything
 * else (key type and size, signature algorithm, serial, hostile names, crafted encodings);
 * {@link #serverContext} presents any of them from a TLS server.
 */
public final class DemoPki {
    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration INTERMEDIATE_VALIDITY = Duration.ofDays(1825);

    private final PrivateKey caKey;
    /** This CA's certificate first, then the CAs above it up to the root. */
    private final List<X509Certificate> caChain;

    /** A private key with its certificate chain, leaf first. */
    public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
        public KeyMaterial {
            chain = List.copyOf(chain);
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /** A root CA named {@code CN=caName,O=smtpscope demo}. */
    public DemoPki(String caName) {
        this(new CertificateBuilder(null, List.of()).subject(CertificateBuilder.subjectOf(caName)).ca().validFor(ROOT_VALIDITY).issue());
    }

    private DemoPki(KeyMaterial ca) {
        this.caKey = ca.key();
        this.caChain = ca.chain();
    }

    /** An intermediate CA named {@code CN=caName,O=smtpscope demo}, signed by this one. */
    public DemoPki intermediate(String caName) {
        return new DemoPki(new CertificateBuilder(this, List.of()).subject(CertificateBuilder.subjectOf(caName)).ca()
                .validFor(INTERMEDIATE_VALIDITY).issue());
    }

    public X509Certificate caCertificate() {
        return caChain.get(0);
    }

    /** This CA's certificate, then the CAs above it up to the root. */
    public List<X509Certificate> caChain() {
        return caChain;
    }

    PrivateKey caKey() {
        return caKey;
    }

    /** A server certificate for {@code names} (the first is the CN) signed by this CA, to be described further. */
    public CertificateBuilder certificate(String... names) {
        return new CertificateBuilder(this, List.of(names));
    }

    /** A self-signed server certificate for {@code names}: no CA vouches for it. */
    public static CertificateBuilder selfSignedCertificate(String... names) {
        return new CertificateBuilder(null, List.of(names));
    }

    /** A server certificate for {@code names} (first is the CN) valid from {@code notBefore} to {@code notAfter}. */
    public KeyMaterial issue(List<String> names, Instant notBefore, Instant notAfter) {
        return certificate(names.toArray(String[]::new)).validity(notBefore, notAfter).issue();
    }

    public KeyMaterial issue(List<String> names, Duration validFor) {
        return certificate(names.toArray(String[]::new)).validFor(validFor).issue();
    }

    /** A self-signed server certificate: no CA vouches for it. */
    public KeyMaterial selfSigned(List<String> names, Duration validFor) {
        return selfSignedCertificate(names.toArray(String[]::new)).validFor(validFor).issue();
    }

    /** A server-side TLS context presenting {@code material}, whatever its chain holds (no KeyStore checks it). */
    public static SSLContext serverContext(KeyMaterial material) {
        return serverContext(() -> material);
    }

    /** A server-side TLS context presenting whatever {@code current} gives at each handshake (a certificate swap). */
    public static SSLContext serverContext(Supplier<KeyMaterial> current) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{new PresentingKeyManager(current)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a demo TLS context", e);
        }
    }

    public void writeCaPem(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(pem(caCertificate()));
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key in PKCS #8 PEM ({@code BEGIN PRIVATE KEY}), as OpenSSL and Postfix read it. */
    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Override
    public String toString() {
        return "DemoPki[" + caCertificate().getSubjectX500Principal() + "]";
    }

    /**
     * Presents one key and chain, skipping the KeyStore (which would refuse some hostile chains), for the key
     * type the JDK asks for: {@code EC}, {@code RSA} (also for RSASSA-PSS) or {@code EdDSA}.
     */
    private static final class PresentingKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "presented";
        private final Supplier<KeyMaterial> current;

        PresentingKeyManager(Supplier<KeyMaterial> current) {
            this.current = current;
        }

        private String alias(String keyType) {
            String algorithm = current.get().key().getAlgorithm().toUpperCase(Locale.ROOT);
            String wanted = keyType.toUpperCase(Locale.ROOT);
            boolean fits = algorithm.equals(wanted) || wanted.equals("RSASSA-PSS") && algorithm.equals("RSA")
                    || wanted.startsWith("ED") && algorithm.startsWith("ED");
            return fits ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return alias(keyType) == null ? null : new String[]{ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return current.get().chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return current.get().key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
