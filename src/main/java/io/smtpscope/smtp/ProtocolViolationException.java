package io.smtpscope.smtp;

import io.smtpscope.result.ErrorKind;

import java.io.IOException;
import java.util.Arrays;

/**
 * The peer sent something that is not a valid SMTP reply, or exceeded a size bound.
 * {@code kind} is one of the report's error kinds; {@code rawStart} holds the first bytes of the
 * offending data so the caller can tell what kind of service answered.
 */
public class ProtocolViolationException extends IOException {
    private final ErrorKind kind;
    private final byte[] rawStart;

    public ProtocolViolationException(ErrorKind kind, String message, byte[] rawStart) {
        super(message);
        this.kind = kind;
        this.rawStart = rawStart == null ? new byte[0] : Arrays.copyOf(rawStart, Math.min(rawStart.length, 64));
    }

    public ErrorKind kind() {
        return kind;
    }

    public byte[] rawStart() {
        return rawStart.clone();
    }
}
