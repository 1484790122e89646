package io.smtpscope.cert;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

    static void parseAndExtract(byte[] der) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException refused) {
            net.jqwik.api.statistics.Statistics.collect("refused by CertificateFactory");
            return; // the JDK refused it with its checked exception: fine
        }
        net.jqwik.api.statistics.Statistics.collect("parsed, facts extracted");
        ChainCertificate facts = CertificateFacts.of(certificate);
        assertNotNull(facts);
        CertificateResult result = new ChainValidator(TrustAnchors.of(List.of(PKI.caCertificate()), "fuzz"))
                .inspect(List.of(certificate), "mail.fuzz.test", Instant.now());
        assertNotNull(result);
    }

    @Property(tries = 500)
    void mutatedDerIsRefusedOrExtracted(@ForAll("mutations") List<Mutation> mutations) {
        byte[] der = VALID;
        for (Mutation mutation : mutations) {
            if (der.length == 0) {
                break;
            }
            der = mutation.apply(der);
        }
        parseAndExtract(der);
    }

    @Property(tries = 500)
    void arbitraryBytesAreRefusedOrExtracted(@ForAll @Size(max = 2000) byte[] der) {
        parseAndExtract(der);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 100_000), Arbitraries.bytes()).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
