package io.smtpscope.https;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinnedNamesTest {
    @Test
    void theProviderIsRegisteredForTheJdk() {
        assertTrue(ServiceLoader.load(InetAddressResolverProvider.class).stream()
                .anyMatch(p -> p.type() == PinnedNames.class), "META-INF/services names the provider");
    }

    /** The process resolver answers a pinned name from the pin, and forgets it when the pin closes. */
    @Test
    void aPinnedNameResolvesToItsPinWhileOpen() throws Exception {
        InetAddress pinned = InetAddress.getByAddress(new byte[] {127, 0, 0, 77});
        try (PinnedNames.Pin pin = PinnedNames.pin("Pinned-Lookup.smtpscope.test.", List.of(pinned))) {
            InetAddress[] found = InetAddress.getAllByName("pinned-lookup.smtpscope.test");
            assertEquals(1, found.length);
            assertEquals("127.0.0.77", found[0].getHostAddress());
            assertEquals("pinned-lookup.smtpscope.test", found[0].getHostName(), "labelled with the name, no reverse lookup");
        }
        assertNull(PinnedNames.pinned("pinned-lookup.smtpscope.test"));
    }

    @Test
    void pinsOfOneNameStackAndTheNewestAnswers() throws Exception {
        InetAddress a = InetAddress.getByAddress(new byte[] {127, 0, 0, 78});
        InetAddress b = InetAddress.getByAddress(new byte[] {127, 0, 0, 79});
        try (PinnedNames.Pin first = PinnedNames.pin("stack.smtpscope.test", List.of(a))) {
            try (PinnedNames.Pin second = PinnedNames.pin("stack.smtpscope.test", List.of(b))) {
                assertEquals("127.0.0.79", PinnedNames.pinned("stack.smtpscope.test").get(0).getHostAddress());
            }
            assertEquals("127.0.0.78", PinnedNames.pinned("stack.smtpscope.test").get(0).getHostAddress());
        }
        assertNull(PinnedNames.pinned("stack.smtpscope.test"));
    }
}
