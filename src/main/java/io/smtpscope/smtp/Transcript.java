package io.smtpscope.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The dialogue as a telnet user would see it: {@code C:} lines sent, {@code S:} lines received,
 * {@code *} notes. Bounded in lines and characters because a hostile server decides how much it sends.
 *
 * <p>Protocol lines ({@code C:} and {@code S:}) pass the {@link LineRedaction} before they are cut to
 * {@link #MAX_LINE_CHARS}: cut first, a secret is no longer whole and its first half would stay readable. Notes are
 * the tool's own sentences and are never masked (with the password "server", "closed by the server" must stay).
 */
public final class Transcript {
    public static final int MAX_LINES = 400;
    public static final int MAX_LINE_CHARS = 512;

    private final List<String> lines = new ArrayList<>();
    private final LineRedaction redaction;
    private int dropped;

    /** A transcript of a session that sends no secret. */
    public Transcript() {
        this(LineRedaction.NONE);
    }

    public Transcript(LineRedaction redaction) {
        this.redaction = redaction;
    }

    /** What masks this session's secrets: the reply reader applies it to each raw line it receives. */
    public LineRedaction redaction() {
        return redaction;
    }

    public void client(String line) {
        add("C: " + redaction.redact(line));
    }

    /** A line we sent that carries a secret: only the command word is kept. */
    public void clientRedacted(String visiblePrefix) {
        add("C: " + redaction.redact(visiblePrefix) + " ***");
    }

    /**
     * A received line, already decoded, escaped and masked: the caller masks it while it is raw bytes
     * ({@link ReplyReader} does), because once escaped a secret holding a control character is no longer found.
     */
    public void server(String line) {
        add("S: " + line);
    }

    public void note(String line) {
        add("* " + line);
    }

    private void add(String line) {
        if (lines.size() >= MAX_LINES) {
            dropped++;
            return;
        }
        lines.add(line.length() > MAX_LINE_CHARS
                ? line.substring(0, MAX_LINE_CHARS) + "... [" + (line.length() - MAX_LINE_CHARS) + " more characters]"
                : line);
    }

    public List<String> lines() {
        if (dropped == 0) {
            return List.copyOf(lines);
        }
        List<String> copy = new ArrayList<>(lines);
        copy.add("* transcript truncated: " + dropped + " more lines not kept");
        return List.copyOf(copy);
    }
}
