package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The closed set of {@code error.kind} values: what stopped a probe. The JSON name ({@link #label()}) is part of
 * the v1 report contract and documented in the report schema; the constant names only serve the code.
 */
public enum ErrorKind {
    DNS_ERROR("dns-error"),
    CONNECTION_REFUSED("connection-refused"),
    CONNECTION_TIMEOUT("connection-timeout"),
    UNREACHABLE("unreachable"),
    BANNER_TIMEOUT("banner-timeout"),
    IO_TIMEOUT("io-timeout"),
    DEADLINE_EXCEEDED("deadline-exceeded"),
    CONNECTION_CLOSED("connection-closed"),
    CONNECTION_RESET("connection-reset"),
    NOT_SMTP("not-smtp"),
    NOT_TLS("not-tls"),
    MALFORMED_REPLY("malformed-reply"),
    LINE_TOO_LONG("line-too-long"),
    TOO_MANY_LINES("too-many-lines"),
    /** A reply within the line bounds but over {@code ReplyReader.MAX_REPLY_BYTES} in total. */
    REPLY_TOO_LONG("reply-too-long"),
    RATE_LIMITED("rate-limited"),
    REJECTED("rejected"),
    EHLO_FAILED("ehlo-failed"),
    HANDSHAKE_ERROR("handshake-error"),
    HANDSHAKE_TIMEOUT("handshake-timeout"),
    IO_ERROR("io-error"),
    INTERNAL_ERROR("internal-error"),
    /** Planning kept the address out of the scan (phase {@code plan}): an MX host in a private range, say. */
    NOT_SCANNED("not-scanned");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    /** The name in reports, CSV and the console. */
    @JsonValue
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Reads a report's {@code error.kind}; an unknown name (a newer report) is refused with the list of known ones. */
    @JsonCreator
    public static ErrorKind of(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown error kind '" + label + "'; known: "
                        + Arrays.stream(values()).map(ErrorKind::label).toList()));
    }
}
