package io.smtpscope.target;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolveOverridesTest {
    @Test
    void pinsNamesToAddressesWithoutDns() throws Exception {
        ResolveOverrides o = ResolveOverrides.parse(List.of("mail.good.test:127.0.0.1", "Mail.Good.Test.:127.0.0.2",
                "v6.good.test:[::1]", "bare.good.test:::1"));
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2")),
                o.lookup("mail.good.test").orElseThrow(), "names are normalised; a name may get several addresses");
        assertEquals(List.of(InetAddress.getByName("::1")), o.lookup("v6.good.test").orElseThrow());
        assertEquals(List.of(InetAddress.getByName("::1")), o.lookup("bare.good.test").orElseThrow());
        assertEquals(Optional.empty(), o.lookup("other.good.test"));
        assertEquals(Optional.empty(), ResolveOverrides.none().lookup("mail.good.test"));
    }

    @Test
    void internationalNameIsPinnedUnderItsALabel() {
        ResolveOverrides o = ResolveOverrides.parse(List.of("bücher.test:127.0.0.1"));
        assertTrue(o.lookup("xn--bcher-kva.test").isPresent());
    }

    @Test
    void badSpecsAreRejectedWithTheSpecInTheMessage() {
        for (String spec : List.of("mail.good.test", ":127.0.0.1", "mail.good.test:", "mail.good.test:not-an-ip",
                "mail.good.test:999.0.0.1", "bad name:127.0.0.1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ResolveOverrides.parse(List.of(spec)), spec);
            assertTrue(!e.getMessage().isBlank(), spec);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResolveOverrides.parse(List.of("mail.good.test:other.test")));
        assertTrue(e.getMessage().contains("is not an IP address"), e.getMessage());
    }
}
