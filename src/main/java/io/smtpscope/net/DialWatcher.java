package io.smtpscope.net;

import io.smtpscope.target.Endpoint;

/**
 * Told as each step of a dial starts, with the time that step may take: what a live display needs to say what a
 * scan is waiting for ("the greeting of mx.example.org:25, 12 s of 30 s") instead of a frozen count. Called on the
 * dialing thread; implementations must be quick and thread-safe. Not part of any report.
 */
@FunctionalInterface
public interface DialWatcher {
    DialWatcher NONE = (endpoint, step, timeoutMillis) -> { };

    /**
     * {@code step} is one of the dial phases ({@code connect}, {@code handshake}, {@code banner}, {@code ehlo},
     * {@code starttls}, {@code ehlo_after_tls}, {@code quit}) or {@code hello} (a TLS enumeration hello);
     * {@code timeoutMillis} is the most it may take: its own timeout, cut to what is left of the endpoint deadline.
     */
    void stepStarted(Endpoint endpoint, String step, long timeoutMillis);
}
