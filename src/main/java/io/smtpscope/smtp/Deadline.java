package io.smtpscope.smtp;

import java.util.concurrent.TimeUnit;

/**
 * A point in time by which one phase must end. A phase gets its own timeout but never more than
 * what is left of the endpoint's total deadline, so a server that drips one byte a second cannot
 * stretch a phase by resetting a per-read timer.
 */
public record Deadline(String phase, long expiresAtNanos, boolean cappedByTotal) {

    public static Deadline of(String phase, long timeoutMillis, long totalExpiresAtNanos) {
        long own = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        return own - totalExpiresAtNanos <= 0
                ? new Deadline(phase, own, false)
                : new Deadline(phase, totalExpiresAtNanos, true);
    }

    /** Milliseconds left, at least 1 while time remains; 0 once it has passed. */
    public int remainingMillis() {
        long left = TimeUnit.NANOSECONDS.toMillis(expiresAtNanos - System.nanoTime());
        if (left <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, left));
    }

    public boolean expired() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }

    public PhaseTimeoutException timeout() {
        return new PhaseTimeoutException(phase, cappedByTotal);
    }
}
