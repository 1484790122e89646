package io.smtpscope.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DotStuffingTest {
    private static String encode(String text) {
        return new String(DotStuffing.encode(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void doublesLeadingDotsOnlyAtLineStarts() {
        assertEquals("..a\r\nb.c\r\n..\r\n...x\r\n.\r\n", encode(".a\r\nb.c\r\n.\r\n..x\r\n"));
    }

    @Test
    void aLoneDotLineCannotEndTheMessageEarly() {
        assertEquals("a\r\n..\r\nb\r\n.\r\n", encode("a\r\n.\r\nb\r\n"));
    }

    @Test
    void bareLineFeedsAndCarriageReturnsBecomeCrlf() {
        assertEquals("a\r\n..b\r\nc\r\n.\r\n", encode("a\n.b\rc"));
    }

    @Test
    void theEndMarkerFollowsACompleteLine() {
        assertEquals("x\r\n.\r\n", encode("x"));
        assertEquals(".\r\n", encode(""));
    }
}
