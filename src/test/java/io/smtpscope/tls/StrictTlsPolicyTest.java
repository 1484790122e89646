package io.smtpscope.tls;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strict policy (login, send-test, webhooks) is the JDK's default policy, although the process relaxed the
 * JDK's property to observe old servers (ArchitectureTest keeps that relaxation in TlsContexts alone).
 */
class StrictTlsPolicyTest {
    @BeforeAll
    static void relax() {
        TlsContexts.init();
    }

    @Test
    void theProcessWidePropertyIsRelaxedForObservingOnly() {
        assertEquals("NULL, anon", Security.getProperty("jdk.tls.disabledAlgorithms"));
        SSLEngine observing = TlsContexts.observingEngine("192.0.2.1", 25, "mail.example.test");
        assertTrue(List.of(observing.getEnabledProtocols()).containsAll(List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")),
                Arrays.toString(observing.getEnabledProtocols()));
        SSLEngine strict = TlsContexts.strictEngine("192.0.2.1", 25, "mail.example.test");
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(strict.getEnabledProtocols()));
        assertNotNull(strict.getSSLParameters().getAlgorithmConstraints(), "the JDK policy rides on the engine itself");
    }

    /** What a fresh JVM with nothing relaxed offers as a client is exactly what the strict policy offers here. */
    @Test
    void strictOffersWhatAFreshJvmOffers() throws Exception {
        Path out = Files.createTempFile("jdk-defaults", ".txt");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), JdkClientDefaults.class.getName())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish within 60 s");
            List<String> lines = Files.readAllLines(out);
            assertEquals(0, process.exitValue(), String.join("\n", lines));
            SSLEngine engine = TlsContexts.strictEngine("192.0.2.1", 587, null);
            assertEquals(lines.get(0), String.join(",", engine.getEnabledProtocols()));
            assertEquals(lines.get(1), String.join(",", engine.getEnabledCipherSuites()));

            SSLParameters webhook = TlsContexts.strictParameters();
            assertEquals(lines.get(0), String.join(",", webhook.getProtocols()));
            assertEquals(lines.get(1), String.join(",", webhook.getCipherSuites()));
            assertNotNull(webhook.getAlgorithmConstraints());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void namesWhatTheStrictPolicyRefusesInANegotiatedSession() {
        assertEquals(Optional.of("protocol TLSv1"), TlsContexts.strictlyRefused("TLSv1", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
        assertEquals(Optional.of("protocol SSLv3"), TlsContexts.strictlyRefused("SSLv3", "TLS_RSA_WITH_RC4_128_SHA"));
        assertEquals(Optional.of("cipher suite TLS_RSA_WITH_AES_128_CBC_SHA"),
                TlsContexts.strictlyRefused("TLSv1.2", "TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertEquals(Optional.of("cipher suite TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
                TlsContexts.strictlyRefused("TLSv1.2", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertEquals(Optional.empty(), TlsContexts.strictlyRefused("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        assertEquals(Optional.empty(), TlsContexts.strictlyRefused("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    }
}
