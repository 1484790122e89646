package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which command a reply answers decides whether it is the expected one and what it means. */
class ReplyContextTest {
    @Test
    void theCommandAsRecordedNamesItsContext() {
        assertEquals(ReplyContext.GREETING, ReplyContext.of("(greeting)"));
        assertEquals(ReplyContext.END_OF_DATA, ReplyContext.of("(end of data)"));
        assertEquals(ReplyContext.RCPT, ReplyContext.of("RCPT TO:<a@b.test>"));
        assertEquals(ReplyContext.MAIL, ReplyContext.of("MAIL FROM:<a@b.test> SMTPUTF8"));
        assertEquals(ReplyContext.DATA, ReplyContext.of("DATA"));
        assertEquals(ReplyContext.HELLO, ReplyContext.of("EHLO smtpscope.invalid"));
        assertEquals(ReplyContext.AUTH, ReplyContext.of("AUTH PLAIN (secret)"));
        assertEquals(ReplyContext.OTHER, ReplyContext.of("DATAX"));
        assertEquals(ReplyContext.OTHER, ReplyContext.of(null));
    }

    @Test
    void onlyTheExpectedReplyClassIsOk() {
        assertTrue(ReplyContext.RCPT.expects(250) && ReplyContext.RCPT.expects(251));
        assertFalse(ReplyContext.RCPT.expects(550) || ReplyContext.RCPT.expects(554) || ReplyContext.RCPT.expects(450));
        assertTrue(ReplyContext.DATA.expects(354));
        assertFalse(ReplyContext.DATA.expects(250), "DATA wants 354, not 250");
        assertTrue(ReplyContext.AUTH.expects(334) && ReplyContext.AUTH.expects(235));
        assertFalse(ReplyContext.AUTH.expects(535));
        assertFalse(ReplyContext.MAIL.expects(354), "a 3xx outside AUTH and DATA is not ok");
        assertTrue(ReplyContext.GREETING.expects(220));
        assertFalse(ReplyContext.GREETING.expects(554));
    }

    @Test
    void aReplyIsExplainedAsAnAnswerToItsCommand() {
        ReplyCodes codes = ReplyCodes.get();
        SmtpReply rejected = new SmtpReply(554, List.of("5.7.1 Relay access denied"));
        String toRcpt = codes.explain(rejected, "RCPT TO:<x@y.test>");
        String asGreeting = codes.explain(rejected, "(greeting)");
        assertTrue(toRcpt.contains("refused this recipient"), toRcpt);
        assertFalse(toRcpt.contains("greeting") || toRcpt.contains("no SMTP service"), toRcpt);
        assertTrue(asGreeting.contains("no SMTP service here for you"), asGreeting);
        assertTrue(toRcpt.endsWith("5.7.1: Permanent: Delivery not authorized, message refused (policy rejection: relay denied, blocklisted, not permitted)."), toRcpt);
    }

    @Test
    void anEnhancedCodeThatSaysTheSameIsNotRepeated() {
        String s = ReplyCodes.get().explain(535, Optional.of("5.7.8"));
        assertEquals("Authentication credentials invalid. (5.7.8)", s);
    }
}
