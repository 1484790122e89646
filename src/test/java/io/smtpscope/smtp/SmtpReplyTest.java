package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpReplyTest {
    @Test
    void enhancedCodeOfTheSameClassIsFound() {
        assertEquals(Optional.of("5.7.8"), new SmtpReply(535, List.of("5.7.8 Error: authentication failed")).enhancedCode());
        assertEquals(Optional.of("2.0.0"), new SmtpReply(250, List.of("2.0.0 Ok")).enhancedCode());
        assertEquals(Optional.of("4.7.0"), new SmtpReply(421, List.of("4.7.0")).enhancedCode());
        assertEquals(Optional.of("5.1.10"), new SmtpReply(550, List.of("5.1.10 null MX")).enhancedCode());
    }

    @Test
    void noEnhancedCodeWhenAbsentMalformedOrOfAnotherClass() {
        assertEquals(Optional.empty(), new SmtpReply(250, List.of("mail.example.com")).enhancedCode());
        assertEquals(Optional.empty(), new SmtpReply(550, List.of("2.0.0 class disagrees")).enhancedCode());
        assertEquals(Optional.empty(), new SmtpReply(550, List.of("5.7.1234 too long")).enhancedCode());
        assertEquals(Optional.empty(), new SmtpReply(550, List.of("5.7.1x glued")).enhancedCode());
        assertEquals(Optional.empty(), new SmtpReply(250, List.of("3.0.0 no class 3")).enhancedCode());
        assertEquals(Optional.empty(), new SmtpReply(250, List.of()).enhancedCode());
    }

    @Test
    void classesAndText() {
        SmtpReply reply = new SmtpReply(421, List.of("a", "b"));
        assertTrue(reply.transientFailure());
        assertFalse(reply.positive());
        assertFalse(reply.permanentFailure());
        assertEquals("a\nb", reply.text());
        assertEquals("a", reply.firstLine());
        assertTrue(new SmtpReply(354, List.of()).positive());
        assertTrue(new SmtpReply(554, List.of()).permanentFailure());
    }
}
