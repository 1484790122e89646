package io.smtpscope.cert;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.text.Printable;

import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Judges a chain captured during the handshake: a path from the leaf to a trust anchor (built from the
 * certificates sent, in any order, as a client would), then what a TLS client checks beyond the path (a
 * certificate meant for TLS servers, the JDK's distrust policies: {@link ServerCertificateChecks}), the name per
 * RFC 6125, and the validity dates. "Trusted" means a mail client would accept the chain, not merely that a path exists.
 */
public final class ChainValidator {
    private final TrustAnchors anchors;

    public ChainValidator(TrustAnchors anchors) {
        this.anchors = anchors;
    }

    public CertificateResult inspect(List<X509Certificate> chain, String nameToCheck, Instant now) {
        List<ChainCertificate> facts = chain.stream().map(CertificateFacts::of).toList();
        if (chain.isEmpty()) {
            return new CertificateResult(facts, false, "the server sent no certificate", nameToCheck, false,
                    false, false, 0, false);
        }
        X509Certificate leaf = chain.get(0);
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        boolean expired = now.isAfter(notAfter);
        boolean notYetValid = now.isBefore(notBefore);
        long daysRemaining = io.smtpscope.result.ExpiryDays.between(now, notAfter);
        boolean selfSigned = isSelfSigned(leaf);
        String trustError = trustError(chain, now, selfSigned);
        boolean nameMatches = nameToCheck != null && HostnameMatcher.matches(nameToCheck, leaf);
        return new CertificateResult(facts, trustError == null, trustError, nameToCheck, nameMatches,
                expired, notYetValid, daysRemaining, selfSigned);
    }

    /** Null when a path to a trust anchor exists at {@code now} and a TLS client accepts it; otherwise why not, in plain words. */
    private String trustError(List<X509Certificate> chain, Instant now, boolean selfSigned) {
        X509Certificate leaf = chain.get(0);
        if (anchors.anchors().isEmpty()) {
            return "no trust anchors configured";
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors.anchors(), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return ServerCertificateChecks.problem(chain, anchors, now);
        } catch (CertPathBuilderException e) {
            return describe(e, leaf, selfSigned, now);
        } catch (InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException e) {
            return "cannot validate: " + e.getMessage();
        } catch (RuntimeException e) {
            return "cannot validate a malformed chain: " + e.getMessage();
        }
    }

    private String describe(CertPathBuilderException e, X509Certificate leaf, boolean selfSigned, Instant now) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "a certificate in the chain has expired";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "a certificate in the chain is not yet valid";
            }
        }
        if (selfSigned) {
            return "self-signed certificate not issued by a trusted CA (checked against " + anchors.description() + ")";
        }
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return "certificate expired on " + leaf.getNotAfter().toInstant();
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            // The path builder skips a target outside its validity and only says "no path": name the real cause.
            return "the certificate is not yet valid (valid from " + leaf.getNotBefore().toInstant() + ")";
        }
        String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        return "no path from the certificate to a trusted root: the chain is incomplete or its issuer '"
                + Printable.escapeControls(leaf.getIssuerX500Principal().getName()) + "' is not trusted by " + anchors.description() + detail;
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
