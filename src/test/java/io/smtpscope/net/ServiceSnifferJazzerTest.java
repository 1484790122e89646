package io.smtpscope.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the guess at what answered a mail port: any first bytes name one of the known
 * services, and only their bounded prefix counts. Corpus: src/test/resources/io/smtpscope/net/ServiceSnifferJazzerTestInputs/.
 */
class ServiceSnifferJazzerTest {
    private static final Set<String> SERVICES = Set.of("tls", "http", "ssh", "imap", "pop3", "smtp", "unknown");

    @FuzzTest(maxDuration = "30s")
    void anyFirstBytesNameAKnownServiceFromABoundedPrefix(@NotNull byte[] first) {
        String service = ServiceSniffer.identify(first);
        assertTrue(SERVICES.contains(service), service);
        assertFalse(ServiceSniffer.describe(service).isBlank());
        if (first.length > 64) {
            assertEquals(service, ServiceSniffer.identify(Arrays.copyOf(first, 64)));
        }
    }
}
