package io.smtpscope.watch;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code watch --every}: a number and a unit, {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}. */
public final class Interval {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");
    public static final Duration MIN = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofDays(7);

    private Interval() {
    }

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an interval (examples: 30s, 15m, 1h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + text + "' is outside 1s..7d");
        }
        return d;
    }
}
