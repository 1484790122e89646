package io.smtpscope.session;

import io.smtpscope.smtp.LineRedaction;
import io.smtpscope.text.Printable;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transcript as a troubleshooter reads it: SASL challenges ({@code 334} + base64) get their decoded
 * text next to them, {@code S: 334 VXNlcm5hbWU6   [Username:]}. The lines themselves were masked when they were
 * recorded ({@link io.smtpscope.smtp.Transcript}); the decoded text is new, so it is masked here, while still raw.
 */
public final class TranscriptView {
    private static final Pattern CHALLENGE = Pattern.compile("^S: 334[ -]([A-Za-z0-9+/=]{4,})\\s*$");
    private static final int MAX_DECODED = 200;

    private TranscriptView() {
    }

    public static List<String> render(List<String> lines, LineRedaction redaction) {
        return lines.stream().map(line -> annotate(line, redaction)).toList();
    }

    static String annotate(String line, LineRedaction redaction) {
        Matcher m = CHALLENGE.matcher(line);
        if (!m.matches()) {
            return line;
        }
        try {
            byte[] decoded = redaction.redact(Base64.getDecoder().decode(m.group(1)));
            String text = Printable.shorten(Printable.decode(decoded), MAX_DECODED);
            return line + "   [" + text + "]";
        } catch (IllegalArgumentException notBase64) {
            return line;
        }
    }
}
