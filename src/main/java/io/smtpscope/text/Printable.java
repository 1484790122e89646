package io.smtpscope.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns bytes a server sent into text that is safe to print and store: UTF-8 where valid, each
 * invalid byte and each control character shown as {@code \xNN}.
 *
 * <p>Invisible formatting characters (bidi overrides, zero-width characters) are shown as {@code \u005cuNNNN}.
 *
 * <p>TAB is a control character too and is escaped: a report must never carry a raw control character
 * a server chose (a tab lets a server forge column alignment in a terminal or a TSV-ish log line).
 */
public final class Printable {
    private Printable() {
    }

    public static String decode(byte[] raw) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return latin1Escaped(raw);
        }
        return escapeControls(text);
    }

    public static String escapeControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            boolean invisible = !control && isInvisibleFormatting(c);
            if (control || invisible) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                if (control) {
                    appendHex(out, c);
                } else {
                    out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Printable ASCII kept, everything else as {@code \xNN}: used when the bytes are not valid UTF-8. */
    private static String latin1Escaped(byte[] raw) {
        StringBuilder out = new StringBuilder(raw.length + 16);
        for (byte b : raw) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                appendHex(out, c);
            }
        }
        return out.toString();
    }

    /**
     * Format characters (bidi overrides such as U+202E, zero-width characters, BOM) and the Unicode line and
     * paragraph separators: invisible or layout-changing in a terminal or a browser, they let a server make a
     * banner read differently from what it is ("Trojan Source", CVE-2021-42574). Shown as {@code \u005cuNNNN}.
     */
    static boolean isInvisibleFormatting(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * {@code \xNN} without {@code String.format}: a hostile server controls how many bytes need escaping, and
     * formatting each one cost about a microsecond, enough for a 1 MB reply to eat a whole phase timeout.
     */
    private static void appendHex(StringBuilder out, int c) {
        out.append('\\').append('x').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

}
