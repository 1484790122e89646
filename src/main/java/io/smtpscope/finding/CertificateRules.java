package io.smtpscope.finding;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate chain: trust (self-signed, incomplete, otherwise untrusted), order, name (RFC 6125),
 * dates (RFC 5280 section 4.1.2.5), key size and signature hash. A root's own self-signature and key are
 * not judged: clients take the root from their store, not from the server.
 */
final class CertificateRules {
    /** RFC 9325 section 4.3: ECDSA below 256 bits gives less than 128-bit security. */
    private static final int MIN_EC_BITS = 256;

    private CertificateRules() {
    }

    static void apply(CertificateResult c, JudgePolicy policy, Emitter out) {
        List<ChainCertificate> chain = c.chain();
        ChainCertificate leaf = chain.isEmpty() ? null : chain.get(0);
        String subject = leaf != null && leaf.subject() != null ? leaf.subject() : "(unknown)";
        trust(c, chain, subject, out);
        order(chain, out);
        if (c.nameChecked() != null && !c.nameMatches()) {
            String sans = leaf == null || leaf.sans().isEmpty() ? "no subjectAltName, subject " + subject
                    : String.join(", ", leaf.sans());
            out.emit("CERT_NAME_MISMATCH", Map.of("name", c.nameChecked(), "sans", sans));
        }
        dates(c, leaf, policy, out);
        for (int i = 0; i < chain.size(); i++) {
            ChainCertificate cert = chain.get(i);
            if (i > 0 && selfIssued(cert)) {
                continue;
            }
            weakKey(cert, which(i), policy, out);
            weakSignature(cert, which(i), out);
        }
    }

    private static void trust(CertificateResult c, List<ChainCertificate> chain, String subject, Emitter out) {
        if (c.trusted()) {
            return;
        }
        String error = String.valueOf(c.trustError());
        // Dates are reported on their own (CERT_EXPIRED, CERT_NOT_YET_VALID): no second "untrusted" for them.
        if ((c.expired() || c.notYetValid()) && (error.contains("expired") || error.contains("not yet valid"))) {
            return;
        }
        // CERT_UNTRUSTED always fires for an untrusted chain (monitoring keys on it since the first release);
        // the specific cause, when one is recognisable, follows as its own finding with its own remedy.
        out.emit("CERT_UNTRUSTED", Map.of("subject", subject, "trust_error", error));
        if (c.selfSigned()) {
            out.emit("CERT_SELF_SIGNED", Map.of("subject", subject));
            return;
        }
        ChainCertificate last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
        if (last != null && !selfIssued(last) && chain.stream().noneMatch(x -> same(x.subject(), last.issuer()))) {
            out.emit("CERT_CHAIN_INCOMPLETE", Map.of("count", Integer.toString(chain.size()),
                    "last_subject", String.valueOf(last.subject()), "issuer", String.valueOf(last.issuer())));
        }
    }

    /** RFC 5246 section 7.4.2: each certificate must certify the one immediately preceding it. */
    private static void order(List<ChainCertificate> chain, Emitter out) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            ChainCertificate cert = chain.get(i);
            ChainCertificate next = chain.get(i + 1);
            if (!same(cert.issuer(), next.subject())) {
                out.emit("CERT_CHAIN_ORDER", Map.of("problem", "certificate " + (i + 2) + " (" + next.subject()
                        + ") did not issue certificate " + (i + 1) + " (" + cert.subject() + "), whose issuer is "
                        + cert.issuer()));
                return;
            }
        }
    }

    private static void dates(CertificateResult c, ChainCertificate leaf, JudgePolicy policy, Emitter out) {
        String notAfter = leaf != null && leaf.notAfter() != null ? leaf.notAfter().toString() : "(unknown)";
        if (c.notYetValid()) {
            String notBefore = leaf != null && leaf.notBefore() != null ? leaf.notBefore().toString() : "(unknown)";
            out.emit("CERT_NOT_YET_VALID", Map.of("not_before", notBefore));
        }
        if (c.expired()) {
            out.emit("CERT_EXPIRED", Map.of("not_after", notAfter, "days", Long.toString(-c.daysRemaining()),
                    "ago", io.smtpscope.result.ExpiryDays.ago(c.daysRemaining())));
        } else if (leaf != null && c.daysRemaining() < policy.expiryWarnDays()) {
            Optional<Severity> escalate = c.daysRemaining() < policy.expiryFailDays() ? Optional.of(Severity.FAIL) : Optional.empty();
            out.emit("CERT_EXPIRES_SOON", Map.of("not_after", notAfter, "days", Long.toString(c.daysRemaining()),
                    "threshold", Integer.toString(escalate.isPresent() ? policy.expiryFailDays() : policy.expiryWarnDays())), escalate);
        }
    }

    private static void weakKey(ChainCertificate cert, String which, JudgePolicy policy, Emitter out) {
        if (cert.keyAlgorithm() == null || cert.keyBits() == null) {
            return;
        }
        String algorithm = cert.keyAlgorithm().toUpperCase(Locale.ROOT);
        int minimum = switch (algorithm) {
            case "RSA", "RSASSA-PSS", "DSA" -> policy.minRsaBits();
            case "EC", "ECDSA" -> MIN_EC_BITS;
            default -> 0; // Ed25519/Ed448 have fixed, strong sizes
        };
        if (cert.keyBits() < minimum) {
            out.emit("CERT_WEAK_KEY", Map.of("which", which, "subject", String.valueOf(cert.subject()),
                    "algorithm", cert.keyAlgorithm(), "bits", Integer.toString(cert.keyBits()),
                    "minimum", Integer.toString(minimum)));
        }
    }

    private static void weakSignature(ChainCertificate cert, String which, Emitter out) {
        String algorithm = cert.signatureAlgorithm() == null ? "" : cert.signatureAlgorithm().toUpperCase(Locale.ROOT);
        if (algorithm.contains("SHA1") || algorithm.contains("SHA-1") || algorithm.contains("MD5") || algorithm.contains("MD2")) {
            out.emit("CERT_SHA1_SIGNATURE", Map.of("which", which, "subject", String.valueOf(cert.subject()),
                    "algorithm", cert.signatureAlgorithm()));
        }
    }

    private static String which(int index) {
        return index == 0 ? "server (leaf)" : "intermediate (chain position " + (index + 1) + ")";
    }

    private static boolean selfIssued(ChainCertificate cert) {
        return cert.subject() != null && same(cert.subject(), cert.issuer());
    }

    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }
}
