package io.smtpscope.smtp;

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
            assertTrue(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0),
                    () -> "control character U+" + Integer.toHexString(c) + " at " + at + " in '" + text + "'");
        }
    }

    @Property
    void anyBytesDecodeToTextWithoutControls(@ForAll @Size(max = 2000) byte[] raw) {
        String text = Printable.decode(raw);
        assertNoControls(text);
        assertTrue(text.length() <= 4 * raw.length, "escaping at most quadruples the length");
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
    void regressionTabFromAServerIsEscaped() {
        assertEquals("220 a\\x09b", Printable.decode("220 a\tb".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("220 \\x09\\xff", Printable.decode(new byte[]{'2', '2', '0', ' ', '\t', (byte) 0xff}));
    }
}
