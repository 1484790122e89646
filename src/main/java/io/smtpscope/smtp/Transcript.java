package io.smtpscope.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The dialogue as a telnet user would see it: {@code C:} lines sent, {@code S:} lines received,
 * {@code *} notes. Bounded in lines and characters because a hostile server decides how much it sends.
 */
public final class Transcript {
    public static final int MAX_LINES = 400;
    public static final int MAX_LINE_CHARS = 512;

    private final List<String> lines = new ArrayList<>();
    private int dropped;

    public void client(String line) {
        add("C: " + line);
    }

    /** A line we sent that carries a secret: only the command word is kept. */
    public void clientRedacted(String visiblePrefix) {
        add("C: " + visiblePrefix + " ***");
    }

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
