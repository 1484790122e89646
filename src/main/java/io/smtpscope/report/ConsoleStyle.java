package io.smtpscope.report;

import io.smtpscope.result.Severity;

/**
 * Severity colours for a terminal (SGR escape sequences, ECMA-48), or none. Colour is applied to text that
 * is already escaped, so nothing a server sent can carry an escape sequence of its own to the terminal.
 */
public record ConsoleStyle(boolean colour) {
    public static final ConsoleStyle PLAIN = new ConsoleStyle(false);
    public static final ConsoleStyle COLOUR = new ConsoleStyle(true);

    private static final String RESET = "\u001b[0m";

    /** {@code text} in the colour of {@code severity}: fail red and bold, warn yellow, info cyan. */
    public String severity(Severity severity, String text) {
        return paint(switch (severity) {
            case FAIL -> "\u001b[1;31m";
            case WARN -> "\u001b[33m";
            case INFO -> "\u001b[36m";
        }, text);
    }

    /** A verdict that is fine ("ok", "trusted"), in green. */
    public String good(String text) {
        return paint("\u001b[32m", text);
    }

    /** Secondary text (labels, evidence) dimmed. */
    public String dim(String text) {
        return paint("\u001b[2m", text);
    }

    public String bold(String text) {
        return paint("\u001b[1m", text);
    }

    private String paint(String sgr, String text) {
        return colour ? sgr + text + RESET : text;
    }
}
