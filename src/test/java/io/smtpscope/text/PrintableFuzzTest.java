package io.smtpscope.text;

import io.smtpscope.text.Printable;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

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

    @Property
    void anyBytesDecodeToTextWithoutControls(@ForAll @Size(max = 2000) byte[] raw) {
        String text = Printable.decode(raw);
        assertNoControls(text);
        assertTrue(text.length() <= 6 * raw.length, "escaping at most multiplies the length by 6");
    }

    @Property
    void anyStringEscapesToTextWithoutControls(@ForAll String text) {
        assertNoControls(Printable.escapeControls(text));
    }

    @Property
    void printableAsciiIsKeptAsIs(@ForAll("printableAscii") String text) {
        assertEquals(text, Printable.decode(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> printableAscii() {
        return net.jqwik.api.Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200);
    }

    @net.jqwik.api.Example
    void bidiOverrideAndZeroWidthCharactersAreShownEscaped() {
        assertEquals("220 \\u202emoc.elpmaxe\\u200b ok", Printable.decode("220 \u202emoc.elpmaxe\u200b ok".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\\u2028b", Printable.escapeControls("a\u2028b"));
        assertEquals("caf\u00e9 \u00fc", Printable.escapeControls("caf\u00e9 \u00fc")); // ordinary letters stay
    }

    @net.jqwik.api.Example
    void regressionTabFromAServerIsEscaped() {
        assertEquals("220 a\\x09b", Printable.decode("220 a\tb".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("220 \\x09\\xff", Printable.decode(new byte[]{'2', '2', '0', ' ', '\t', (byte) 0xff}));
    }
}
