package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyCodesCoverageTest {
    private final ReplyCodes codes = ReplyCodes.get();

    @Test
    void everyRfc5321CodeHasItsOwnMeaning() {
        for (int code : List.of(211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504,
                550, 551, 552, 553, 554, 555)) {
            assertTrue(codes.knowsBasic(code), "RFC 5321 code " + code);
        }
        for (int code : List.of(235, 334, 432, 454, 530, 534, 535, 538)) {
            assertTrue(codes.knowsBasic(code), "RFC 4954 code " + code);
        }
    }

    @Test
    void theCodesUsersAskAbout() {
        assertTrue(codes.explain(new SmtpReply(535, List.of("5.7.8 Authentication credentials invalid")))
                .equals("Authentication credentials invalid. (5.7.8)"), "the same meaning is said once");
        assertTrue(codes.explain(534, Optional.of("5.7.9")).contains("mechanism is too weak"));
        assertTrue(codes.explain(530, Optional.of("5.7.0")).contains("must issue STARTTLS first"));
        assertTrue(codes.explain(454, Optional.of("4.7.0")).contains("Temporary: "));
        assertTrue(codes.explain(554, Optional.of("5.7.1")).contains("policy rejection"));
        assertTrue(codes.explain(550, Optional.of("5.1.1")).contains("mailbox does not exist"));
    }

    @Test
    void everyRfc3463DetailIsKnown() {
        List<String> details = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.0", "2.1", "2.2", "2.3",
                "2.4", "3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "5.0",
                "5.1", "5.2", "5.3", "5.4", "5.5", "6.0", "6.1", "6.2", "6.3", "6.4", "6.5", "7.0", "7.1", "7.2", "7.3", "7.4",
                "7.5", "7.6", "7.7");
        for (String detail : details) {
            String meaning = codes.enhanced("5." + detail).orElseThrow();
            assertFalse(meaning.contains("Other or undefined") && !detail.endsWith(".0"), detail + " fell back: " + meaning);
        }
        assertEquals(Optional.empty(), codes.enhanced("5.7"));
    }
}
