package io.smtpscope.net;

import io.smtpscope.net.ServiceSniffer;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based fuzzing of {@link ServiceSniffer}: any first bytes name one known service, never throw. */
class ServiceSnifferFuzzTest {
    private static final Set<String> SERVICES = Set.of("tls", "http", "ssh", "imap", "pop3", "smtp", "unknown");

    @Property
    void anyBytesNameAKnownService(@ForAll @Size(max = 300) byte[] first) {
        String service = ServiceSniffer.identify(first);
        assertTrue(SERVICES.contains(service), service);
        assertFalse(ServiceSniffer.describe(service).isBlank());
    }

    @Property
    void aPrefixBeyondSixtyFourBytesDoesNotMatterForText(@ForAll @Size(min = 64, max = 300) byte[] first) {
        // identify looks at a bounded prefix: what follows the first 64 bytes never changes the answer
        byte[] cut = java.util.Arrays.copyOf(first, 64);
        assertTrue(ServiceSniffer.identify(first).equals(ServiceSniffer.identify(cut)));
    }
}
