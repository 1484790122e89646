package io.smtpscope.mtasts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MxPatternTest {
    @Test
    void exactNamesMatchCaseInsensitivelyWithOrWithoutTheRootDot() {
        assertTrue(MxPattern.matches("mail.example.com", "MAIL.example.com."));
        assertTrue(MxPattern.matches("mail.example.com.", "mail.example.com"));
        assertFalse(MxPattern.matches("mail.example.com", "mail2.example.com"));
        assertFalse(MxPattern.matches("mail.example.com", "x.mail.example.com"));
    }

    @Test
    void aWildcardIsExactlyOneLeftmostLabel() {
        assertTrue(MxPattern.matches("*.example.com", "mx1.example.com"));
        assertFalse(MxPattern.matches("*.example.com", "example.com"), "the wildcard needs a label");
        assertFalse(MxPattern.matches("*.example.com", "a.b.example.com"), "one label, not two");
        assertFalse(MxPattern.matches("*.example.com", "mx1.example.org"));
    }

    @Test
    void invalidPatternsMatchNothingAndSayWhy() {
        for (String bad : new String[] {"mail*.example.com", "*.*.example.com", "example.*", "*", "*.com", "", "a..b",
                "-a.example.com", "a_b.example.com", "x".repeat(64) + ".example.com", "mail .example.com"}) {
            assertNotNull(MxPattern.problem(bad), bad);
            assertFalse(MxPattern.matches(bad, "mail.example.com"), bad);
        }
        assertNull(MxPattern.problem("*.mx.example.com"));
        assertNull(MxPattern.problem("mail.example.com."));
        assertFalse(MxPattern.matches("mail*.example.com", "mail1.example.com"), "no partial-label wildcards");
    }
}
