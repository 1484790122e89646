package io.smtpscope.smtp;

import java.nio.charset.StandardCharsets;

/**
 * Masks secrets in one line of the dialogue while it is still raw: before it is decoded, escaped ({@code \x09}) or
 * cut to a bound. After any of those a secret can no longer be found whole, so the mask must come first. The
 * session layer supplies one built from the credentials; a scan, which sends no secret, uses {@link #NONE}.
 */
@FunctionalInterface
public interface LineRedaction {
    LineRedaction NONE = line -> line;

    /** The line with every secret masked; {@code line} itself (the same array) when there is nothing to mask. */
    byte[] redact(byte[] line);

    /** The same for a line we built ourselves (a command we send): still raw text, never escaped. */
    default String redact(String line) {
        byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        byte[] masked = redact(raw);
        return masked == raw ? line : new String(masked, StandardCharsets.UTF_8);
    }
}
