package io.smtpscope.session;

/** The session could not get as far as asked: in which phase, and why in plain words. */
public record SessionError(String phase, String message) {
}
