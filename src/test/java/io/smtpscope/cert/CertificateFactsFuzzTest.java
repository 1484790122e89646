package io.smtpscope.cert;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Property-based fuzzing of certificate field extraction: DER mutated at random is either refused by the
 * JDK's {@code CertificateFactory} with a {@link CertificateException}, or its facts and validation are
 * extracted without any exception.
 */
class CertificateFactsFuzzTest {
    private static final DemoPki PKI = new DemoPki("fuzz CA");
    private static final byte[] VALID;

    static {
        try {
            VALID = PKI.issue(List.of("mail.fuzz.test", "192.0.2.7"), Duration.ofDays(30)).leaf().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One mutation of a DER encoding: overwrite, insert, delete or truncate at a position. */
    record Mutation(int kind, int position, byte value) {
        byte[] apply(byte[] der) {
            int at = Math.floorMod(position, der.length);
            return switch (kind) {
                case 0 -> {
                    byte[] out = der.clone();
                    out[at] = value;
                    yield out;
                }
                case 1 -> {
                    byte[] out = new byte[der.length + 1];
                    System.arraycopy(der, 0, out, 0, at);
                    out[at] = value;
                    System.arraycopy(der, at, out, at + 1, der.length - at);
                    yield out;
                }
                case 2 -> {
                    byte[] out = new byte[der.length - 1];
                    System.arraycopy(der, 0, out, 0, at);
                    System.arraycopy(der, at + 1, out, at, der.length - at - 1);
                    yield out;
                }
                default -> java.util.Arrays.copyOf(der, at);
            };
        }
    }

    /** Parses and, if the JDK accepts the DER, extracts facts and validates; returns which of the two happened. */
    static String parseAndExtract(byte[] der) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException refused) {
            return "refused by CertificateFactory"; // the JDK refused it with its checked exception: fine
        }
        ChainCertificate facts = CertificateFacts.of(certificate);
        assertNotNull(facts);
        CertificateResult result = new ChainValidator(TrustAnchors.of(List.of(PKI.caCertificate()), "fuzz"))
                .inspect(List.of(certificate), "mail.fuzz.test", Instant.now());
        assertNotNull(result);
        return "parsed, facts extracted";
    }

    @Test
    void mutatedDerIsRefusedOrExtracted() {
        Map<String, Integer> outcomes = new TreeMap<>();
        RandomInputs.forAll(500, CertificateFactsFuzzTest::mutations, mutations -> {
            byte[] der = VALID;
            for (Mutation mutation : mutations) {
                if (der.length == 0) {
                    break;
                }
                der = mutation.apply(der);
            }
            outcomes.merge(parseAndExtract(der), 1, Integer::sum);
        });
        System.out.println("CertificateFactsFuzzTest#mutatedDerIsRefusedOrExtracted outcomes: " + outcomes);
    }

    @Test
    void arbitraryBytesAreRefusedOrExtracted() {
        Map<String, Integer> outcomes = new TreeMap<>();
        RandomInputs.forAll(500, r -> r.bytes(0, 2000), der -> outcomes.merge(parseAndExtract(der), 1, Integer::sum));
        System.out.println("CertificateFactsFuzzTest#arbitraryBytesAreRefusedOrExtracted outcomes: " + outcomes);
    }

    static List<Mutation> mutations(RandomInputs r) {
        return r.list(1, 4, () -> new Mutation(r.between(0, 3), r.between(0, 100_000), r.aByte()));
    }
}
