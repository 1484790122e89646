package io.smtpscope.probe;

/** The closed set of {@code error.kind} values (documented in the report schema). */
public final class ErrorKind {
    public static final String DNS_ERROR = "dns-error";
    public static final String CONNECTION_REFUSED = "connection-refused";
    public static final String CONNECTION_TIMEOUT = "connection-timeout";
    public static final String UNREACHABLE = "unreachable";
    public static final String BANNER_TIMEOUT = "banner-timeout";
    public static final String IO_TIMEOUT = "io-timeout";
    public static final String DEADLINE_EXCEEDED = "deadline-exceeded";
    public static final String CONNECTION_CLOSED = "connection-closed";
    public static final String CONNECTION_RESET = "connection-reset";
    public static final String NOT_SMTP = "not-smtp";
    public static final String NOT_TLS = "not-tls";
    public static final String MALFORMED_REPLY = "malformed-reply";
    public static final String LINE_TOO_LONG = "line-too-long";
    public static final String TOO_MANY_LINES = "too-many-lines";
    /** A reply within the line bounds but over {@code ReplyReader.MAX_REPLY_BYTES} in total. */
    public static final String REPLY_TOO_LONG = "reply-too-long";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String REJECTED = "rejected";
    public static final String EHLO_FAILED = "ehlo-failed";
    public static final String HANDSHAKE_ERROR = "handshake-error";
    public static final String HANDSHAKE_TIMEOUT = "handshake-timeout";
    public static final String IO_ERROR = "io-error";
    public static final String INTERNAL_ERROR = "internal-error";

    private ErrorKind() {
    }
}
