package io.smtpscope.net;

import io.smtpscope.smtp.Deadline;

import java.time.Duration;

/**
 * The moment by which everything done for one endpoint must end — the probe and the TLS enumeration after it,
 * every connection of both — set once from the profile's {@code timeouts.total}. Each connection and each phase
 * still has its own timeout, but never more than what is left of this, so a server that is slow on every
 * connection cannot stretch an endpoint by making the scanner open more of them. {@code watcher} hears each step
 * of those connections as it starts (progress display).
 */
public record EndpointDeadline(long expiresAtNanos, Duration total, DialWatcher watcher) {
    public EndpointDeadline {
        watcher = watcher == null ? DialWatcher.NONE : watcher;
    }

    public EndpointDeadline(long expiresAtNanos, Duration total) {
        this(expiresAtNanos, total, DialWatcher.NONE);
    }

    public static EndpointDeadline startingNow(Duration total) {
        return startingNow(total, DialWatcher.NONE);
    }

    /** A deadline whose connections tell {@code watcher} what they wait for, step by step. */
    public static EndpointDeadline startingNow(Duration total, DialWatcher watcher) {
        return new EndpointDeadline(System.nanoTime() + total.toNanos(), total, watcher);
    }

    public boolean passed() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }

    /**
     * Milliseconds left, rounded up, 0 once passed: a timer set to this fires when the deadline has passed, never
     * just before (a watchdog that closed a connection a moment early would look like the server closing it).
     */
    public long remainingMillis() {
        long nanos = expiresAtNanos - System.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /** A phase with its own timeout, ending at the latest with the endpoint. */
    public Deadline phase(String phase, long timeoutMillis) {
        return Deadline.of(phase, timeoutMillis, expiresAtNanos);
    }

    /** "endpoint deadline of 15 s": how reports and untested reasons name this bound. */
    public String describe() {
        return "endpoint deadline of " + total.toSeconds() + " s";
    }
}
