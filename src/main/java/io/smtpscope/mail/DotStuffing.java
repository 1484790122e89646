package io.smtpscope.mail;

import java.io.ByteArrayOutputStream;

/**
 * The DATA payload on the wire (RFC 5321 section 4.5.2): a line that starts with "." gets one more ".",
 * bare CR or LF become CRLF, and the end is marked with CRLF "." CRLF.
 */
public final class DotStuffing {
    private DotStuffing() {
    }

    public static byte[] encode(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 64 + 8);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
