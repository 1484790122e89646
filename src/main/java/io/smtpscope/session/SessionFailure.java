package io.smtpscope.session;

/**
 * Opening or using a session ended early: {@code phase} names the step (connect, banner, ehlo, starttls,
 * handshake, ...), the message says what happened in plain words. Never carries a secret.
 */
public final class SessionFailure extends Exception {
    private final String phase;

    public SessionFailure(String phase, String message) {
        super(message);
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }
}
