package io.smtpscope.domain;

import io.smtpscope.cert.DaneMatcher;
import io.smtpscope.result.DaneCertificate;
import io.smtpscope.result.TlsaMatch;
import io.smtpscope.result.TlsaSeen;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One distinct certificate chain an endpoint presented (leaf first), named by its leaf's key type and digests. */
record PresentedChain(String keyType, String sha256, String spkiSha256, List<X509Certificate> chain) {
    /**
     * The probe's chain first, then each other chain whose leaf differs from every one before it; chains without a
     * readable leaf are left out (the probe's is kept: the caller checked it is not empty).
     */
    static List<PresentedChain> distinct(List<X509Certificate> probeChain, List<List<X509Certificate>> others) {
        List<PresentedChain> out = new ArrayList<>();
        Set<String> leaves = new LinkedHashSet<>();
        List<List<X509Certificate>> all = new ArrayList<>();
        all.add(probeChain);
        all.addAll(others);
        for (List<X509Certificate> chain : all) {
            if (chain == null || chain.isEmpty()) {
                continue;
            }
            PresentedChain presented = of(chain);
            if (presented != null && leaves.add(presented.sha256())) {
                out.add(presented);
            }
        }
        return out;
    }

    private static PresentedChain of(List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        try {
            return new PresentedChain(leaf.getPublicKey().getAlgorithm(), sha256(leaf.getEncoded()),
                    sha256(leaf.getPublicKey().getEncoded()), List.copyOf(chain));
        } catch (CertificateEncodingException | RuntimeException e) {
            return null; // an unreadable leaf matches no record: the certificate checks report it
        }
    }

    /** This certificate held against {@code records}: matched when at least one usable record matches it. */
    DaneCertificate judged(List<TlsaSeen> records, List<String> referenceNames) {
        List<String> matching = new ArrayList<>();
        for (TlsaSeen record : records) {
            TlsaMatch m = DaneMatcher.match(record, chain, referenceNames);
            if (m.matched()) {
                matching.add(record.presentation());
            }
        }
        return new DaneCertificate(keyType, sha256, spkiSha256, !matching.isEmpty(), matching);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
