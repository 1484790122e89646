package io.smtpscope.cert;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The roots a chain is validated against: the JDK's trust store, plus or instead of a user's PEM file. */
public final class TrustAnchors {
    private final Set<TrustAnchor> anchors;
    private final String description;

    private TrustAnchors(Set<TrustAnchor> anchors, String description) {
        this.anchors = Set.copyOf(anchors);
        this.description = description;
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    public String description() {
        return description;
    }

    private static TrustAnchors jdkDefault;

    /**
     * The JDK's roots, read once per process:
     * parsing the trust store costs tens of milliseconds at every call. A failure is not remembered: each caller
     * gets the readable reason.
     */
    public static synchronized TrustAnchors jdkDefault() {
        if (jdkDefault == null) {
            jdkDefault = readJdkDefault();
        }
        return jdkDefault;
    }

    private static TrustAnchors readJdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        anchors.add(new TrustAnchor(root, null));
                    }
                }
            }
            return new TrustAnchors(anchors, "the JDK trust store");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK roots plus those in {@code pemFile}, or only the file's when {@code replace}.
     *
     * @throws IllegalArgumentException with a readable reason when the file is missing or holds no certificate
     */
    public static TrustAnchors withFile(Path pemFile, boolean replace) {
        List<X509Certificate> extra = readPem(pemFile);
        Set<TrustAnchor> anchors = new HashSet<>(replace ? Set.of() : jdkDefault().anchors());
        extra.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        return new TrustAnchors(anchors, (replace ? "" : "the JDK trust store and ") + pemFile);
    }

    public static TrustAnchors of(Collection<X509Certificate> roots, String description) {
        Set<TrustAnchor> anchors = new HashSet<>();
        roots.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        return new TrustAnchors(anchors, description);
    }

    public static List<X509Certificate> readPem(Path pemFile) {
        if (!Files.isRegularFile(pemFile)) {
            throw new IllegalArgumentException("CA file " + pemFile + " does not exist or is not a file");
        }
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> roots = certificates.stream()
                    .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
            if (roots.isEmpty()) {
                throw new IllegalArgumentException("CA file " + pemFile + " holds no PEM certificate");
            }
            return roots;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA file " + pemFile + " is not valid PEM: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CA file " + pemFile + ": " + e.getMessage());
        }
    }
}
