package io.smtpscope.net;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based fuzzing of {@link ServiceSniffer}: any first bytes name one known service, never throw. */
class ServiceSnifferFuzzTest {
    private static final Set<String> SERVICES = Set.of("tls", "http", "ssh", "imap", "pop3", "smtp", "unknown");

    @Test
    void anyBytesNameAKnownService() {
        RandomInputs.forAll(1000, r -> r.bytes(0, 300), first -> {
            String service = ServiceSniffer.identify(first);
            assertTrue(SERVICES.contains(service), service);
            assertFalse(ServiceSniffer.describe(service).isBlank());
        });
    }

    @Test
    void aPrefixBeyondSixtyFourBytesDoesNotMatterForText() {
        RandomInputs.forAll(1000, r -> r.bytes(64, 300), first -> {
            // identify looks at a bounded prefix: what follows the first 64 bytes never changes the answer
            byte[] cut = java.util.Arrays.copyOf(first, 64);
            assertTrue(ServiceSniffer.identify(first).equals(ServiceSniffer.identify(cut)));
        });
    }
}
