package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyCodesTest {
    private static String explain(int code, String text) {
        return ReplyCodes.get().explain(new SmtpReply(code, List.of(text)));
    }

    @Test
    void authenticationFailureIsExplainedWithItsEnhancedCode() {
        String s = explain(535, "5.7.8 Error: authentication failed");
        assertTrue(s.startsWith("Authentication credentials invalid."), s);
        assertTrue(s.contains("5.7.8"), s);
        assertEquals(1, s.split("credentials invalid", -1).length - 1, "said once: " + s);
    }

    @Test
    void policyRejectionGreeting() {
        String s = ReplyCodes.get().explain(new SmtpReply(554, List.of("5.7.1 Client host rejected: blocklisted")), "(greeting)");
        assertTrue(s.contains("no SMTP service here for you"), s);
        assertTrue(s.contains("5.7.1: Permanent: Delivery not authorized"), s);
    }

    @Test
    void rateLimitWithoutEnhancedCode() {
        String s = explain(421, "mail.example.com Too many connections, try again later");
        assertTrue(s.startsWith("Service not available"), s);
        assertTrue(s.contains("Try again later"), s);
        assertTrue(!s.contains(": Temporary:"), "no enhanced part without an enhanced code: " + s);
    }

    @Test
    void unknownCodesFallBackToTheirClass() {
        assertEquals("Temporary failure (479): try again later.", explain(479, "x"));
        assertEquals("Permanent failure (599).", explain(599, "x"));
        assertTrue(explain(550, "5.7.99 unknown detail").contains("5.7.99: Permanent: Other or undefined security status"));
    }

    @Test
    void enhancedCodeLookup() {
        assertEquals("Temporary: Other or undefined security status (often: must issue STARTTLS first, or authentication required).",
                ReplyCodes.get().enhanced("4.7.0").orElseThrow());
        assertTrue(ReplyCodes.get().enhanced("5.7").isEmpty());
    }
}
