package io.smtpscope.watch;

import io.smtpscope.profile.Durations;

import java.time.Duration;

/** Parses {@code watch --every}: a number and a unit, {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}. */
public final class Interval {
    public static final Duration MIN = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofDays(7);

    private Interval() {
    }

    public static Duration parse(String text) {
        return Durations.parse(text, MIN, MAX, "interval", "30s, 15m, 1h, 1d");
    }
}
