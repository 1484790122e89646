package io.smtpscope.smtp;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A complete (possibly multi-line) SMTP reply: RFC 5321 section 4.2. {@code lines} are the texts after the code, what
 * the protocol logic reads; {@code shownLines} are the same texts with the session's secrets masked
 * ({@link LineRedaction}), what may be printed or stored. They differ only in a session that sent a secret.
 */
public record SmtpReply(int code, List<String> lines, List<String> shownLines) {
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(\\s|$)");

    public SmtpReply {
        lines = List.copyOf(lines);
        shownLines = shownLines == null ? lines : List.copyOf(shownLines);
    }

    /** A reply with nothing to mask. */
    public SmtpReply(int code, List<String> lines) {
        this(code, lines, null);
    }

    public String text() {
        return String.join("\n", lines);
    }

    /** The text to print or store: {@link #text()} with the session's secrets masked. */
    public String shownText() {
        return String.join("\n", shownLines);
    }

    public String shownFirstLine() {
        return shownLines.isEmpty() ? "" : shownLines.get(0);
    }

    public String firstLine() {
        return lines.isEmpty() ? "" : lines.get(0);
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean permanentFailure() {
        return code >= 500;
    }

    /** The RFC 3463 enhanced status code at the start of the first line, when it agrees with the basic code's class. */
    public Optional<String> enhancedCode() {
        Matcher m = ENHANCED.matcher(firstLine());
        if (m.find() && m.group(1).charAt(0) == Integer.toString(code).charAt(0)) {
            return Optional.of(m.group(1) + "." + m.group(2) + "." + m.group(3));
        }
        return Optional.empty();
    }
}
