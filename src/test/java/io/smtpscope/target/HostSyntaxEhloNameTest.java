package io.smtpscope.target;

import io.smtpscope.net.ProbeSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EHLO name is checked once, where probe settings are built: every path (option, profile, login) meets it. */
class HostSyntaxEhloNameTest {
    @Test
    void hostNamesAddressesAndAddressLiteralsAreAccepted() {
        for (String ok : new String[]{"smtpscope.invalid", "mail-1.example.com", "192.0.2.1", "[192.0.2.1]",
                "[IPv6:2001:db8::1]", "2001:db8::1"}) {
            assertTrue(HostSyntax.isEhloName(ok), ok);
        }
    }

    @Test
    void namesThatCouldBreakTheCommandLineAreRefused() {
        for (String bad : new String[]{"", "two words", "evil\r\nMAIL FROM:<x>", "name\u001b[2J", "[not-an-address]",
                "[IPv6:192.0.2.1]", "x".repeat(254)}) {
            assertFalse(HostSyntax.isEhloName(bad), bad);
        }
        assertFalse(HostSyntax.isEhloName(null));
    }

    @Test
    void probeSettingsRefuseABadNameAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbeSettings.defaults().withEhloName("evil\r\nQUIT"));
        assertTrue(e.getMessage().endsWith("is not a host name or address"), e.getMessage());
        assertFalse(e.getMessage().contains("\r"), "the echoed name is escaped: " + e.getMessage());
    }
}
