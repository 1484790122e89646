package io.smtpscope.session;

/**
 * Opening a session stopped early; {@link #error()} says where and why, in the words the login report shows.
 * Never carries a secret.
 */
public final class SessionOpenException extends Exception {
    private final SessionError error;

    public SessionOpenException(String phase, String message) {
        super(message);
        this.error = new SessionError(phase, message);
    }

    public SessionError error() {
        return error;
    }
}
