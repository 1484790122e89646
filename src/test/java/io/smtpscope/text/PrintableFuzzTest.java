package io.smtpscope.text;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based fuzzing of {@link Printable}: any bytes become text without a single control character. */
class PrintableFuzzTest {

    static void assertNoControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int at = i;
            int type = Character.getType(c);
            assertTrue(type != Character.FORMAT && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR,
                    () -> "invisible formatting character U+" + Integer.toHexString(c) + " at " + at + " in '" + text + "'");
            assertTrue(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0),
                    () -> "control character U+" + Integer.toHexString(c) + " at " + at + " in '" + text + "'");
        }
    }

    @Test
    void anyBytesDecodeToTextWithoutControls() {
        RandomInputs.forAll(1000, r -> r.bytes(0, 2000), raw -> {
            String text = Printable.decode(raw);
            assertNoControls(text);
            assertTrue(text.length() <= 6 * raw.length, "escaping at most multiplies the length by 6");
        });
    }

    @Test
    void anyStringEscapesToTextWithoutControls() {
        RandomInputs.forAll(1000, r -> r.string(255), text -> assertNoControls(Printable.escapeControls(text)));
    }

    @Test
    void printableAsciiIsKeptAsIs() {
        RandomInputs.forAll(1000, r -> r.string(' ', '~', 200),
                text -> assertEquals(text, Printable.decode(text.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void bidiOverrideAndZeroWidthCharactersAreShownEscaped() {
        assertEquals("220 \\u202emoc.elpmaxe\\u200b ok", Printable.decode("220 \u202emoc.elpmaxe\u200b ok".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\\u2028b", Printable.escapeControls("a\u2028b"));
        assertEquals("caf\u00e9 \u00fc", Printable.escapeControls("caf\u00e9 \u00fc")); // ordinary letters stay
    }

    @Test
    void regressionTabFromAServerIsEscaped() {
        assertEquals("220 a\\x09b", Printable.decode("220 a\tb".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("220 \\x09\\xff", Printable.decode(new byte[]{'2', '2', '0', ' ', '\t', (byte) 0xff}));
    }
}
