package io.smtpscope.profile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one syntax for durations people type: a whole number and a unit, {@code 500ms 10s 2m 1h 1d}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code text} and checks it lies within {@code min..max}; {@code what} names the value in messages
     * ("duration", "interval") and {@code examples} shows the accepted form.
     */
    public static Duration parse(String text, Duration min, Duration max, String what, String examples) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + article(what) + " (examples: " + examples + ")");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("'" + text + "' is outside " + format(min) + ".." + format(max));
        }
        return d;
    }

    private static String article(String what) {
        return ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what;
    }

    /** A duration in the form people type it: the largest unit that divides it exactly ({@code 90m}, {@code 1h}). */
    public static String format(Duration d) {
        if (d.toMillis() < 1000 || d.toMillisPart() != 0) {
            return d.toMillis() + "ms";
        }
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}
