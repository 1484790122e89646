package io.smtpscope.cert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Coverage-guided fuzzing (Jazzer) of a certificate as a server sends it: any DER the JDK accepts has its facts
 * extracted and is judged without an exception of ours ({@link CertificateFactsFuzzTest#parseAndExtract}). The corpus
 * (src/test/resources/io/smtpscope/cert/CertificateFactsJazzerTestInputs/) starts from real test-PKI certificates.
 */
class CertificateFactsJazzerTest {
    @FuzzTest(maxDuration = "60s")
    void anyDerIsRefusedOrExtracted(@NotNull byte[] der) {
        CertificateFactsFuzzTest.parseAndExtract(der);
    }
}
