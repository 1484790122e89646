package io.smtpscope.session;

/** Where a login or send-test session stopped ({@code phase}) and why, in plain words: the report's {@code error}. */
public record SessionError(String phase, String message) {
}
