package io.smtpscope.tls.enumeration;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CipherSuiteRegistryTest {
    private final CipherSuiteRegistry registry = CipherSuiteRegistry.bundled();

    @Test
    void knownEntriesAndAttributes() {
        CipherSuite gcm = registry.byCode(0xC02F).orElseThrow();
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", gcm.name());
        assertTrue(gcm.aead() && gcm.forwardSecret() && !gcm.cbc());
        CipherSuite rsa = registry.byCode(0x002F).orElseThrow();
        assertTrue(rsa.cbc() && !rsa.forwardSecret());
        assertTrue(registry.byCode(0x0003).orElseThrow().export());
        assertTrue(registry.byCode(0x0018).orElseThrow().anonymous());
        assertTrue(registry.byCode(0x000A).orElseThrow().tripleDes());
        assertTrue(registry.byCode(0x0009).orElseThrow().des());
        assertTrue(registry.byCode(0x1301).orElseThrow().tls13());
        assertEquals("UNKNOWN_0xFFFE", registry.name(0xFFFE));
        assertFalse(registry.byCode(0x00FF).isPresent(), "SCSVs are not suites");
        assertTrue(registry.size() > 340, "the whole registry: " + registry.size());
    }

    @Test
    void namesAndVersionListsAnswerFromTheTable() {
        assertEquals(0xC02F, registry.byName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow().code());
        assertFalse(registry.byName("TLS_NO_SUCH_SUITE").isPresent());
        assertFalse(registry.byName(null).isPresent(), "a report may lack a name: not found, not a crash");
        assertEquals(registry.size(), registry.legacy().size() + registry.tls13().size());
        assertTrue(registry.tls13().stream().allMatch(CipherSuite::tls13));
        assertTrue(registry.legacy().stream().noneMatch(CipherSuite::tls13));
        assertEquals(0x00C6, registry.tls13().get(0).code(), "in the table's order (TLS_SM4_GCM_SM3 comes first)");
    }

    /** Every suite the JDK knows under a TLS_ name has the same code-independent name in our table. */
    @Test
    void jdkSuiteNamesAreInTheRegistry() throws Exception {
        Set<String> ours = new HashSet<>();
        registry.legacy().forEach(s -> ours.add(s.name()));
        registry.tls13().forEach(s -> ours.add(s.name()));
        for (String jdk : SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()) {
            String name = jdk.startsWith("SSL_") ? "TLS_" + jdk.substring(4) : jdk;
            if (name.contains("SCSV")) {
                continue;
            }
            assertTrue(ours.contains(name), name + " missing from cipher-suites.tsv");
        }
    }
}
