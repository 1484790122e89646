package io.smtpscope.tls.enumeration;

/**
 * TLS alert descriptions by their RFC names (RFC 8446 section 6, RFC 5246 section 7.2; IANA "TLS Alerts"), so
 * code that reads a refusal says which refusal it means.
 */
public final class AlertDescription {
    public static final int UNEXPECTED_MESSAGE = 10;
    /** A record that failed its integrity check (RFC 5246 section 7.2.2): how a server fails a bad Finished. */
    public static final int BAD_RECORD_MAC = 20;
    /** Deprecated since TLS 1.1 (RFC 5246 section 7.2.2), still sent by old OpenSSL. */
    public static final int DECRYPTION_FAILED = 21;
    /** A record longer than the peer accepts (RFC 8446 section 6.2); some servers send it for a big hello. */
    public static final int RECORD_OVERFLOW = 22;
    /** No acceptable set of parameters (RFC 8446 section 6.2): typically no common suite. */
    public static final int HANDSHAKE_FAILURE = 40;
    public static final int ILLEGAL_PARAMETER = 47;
    public static final int DECODE_ERROR = 50;
    public static final int DECRYPT_ERROR = 51;
    /** The peer will not speak the offered version (RFC 8446 section 6.2). */
    public static final int PROTOCOL_VERSION = 70;
    /** Parameters offered, but all too weak for the server (RFC 5246 section 7.2.2). */
    public static final int INSUFFICIENT_SECURITY = 71;
    public static final int INTERNAL_ERROR = 80;
    public static final int INAPPROPRIATE_FALLBACK = 86;
    /** A refused renegotiation (RFC 5246 section 7.2.2), a warning. */
    public static final int NO_RENEGOTIATION = 100;
    public static final int MISSING_EXTENSION = 109;
    public static final int UNRECOGNIZED_NAME = 112;

    private AlertDescription() {
    }

    /** The RFC name of the alerts enumeration meets, else {@code alert N}. */
    public static String name(int description) {
        return switch (description) {
            case UNEXPECTED_MESSAGE -> "unexpected_message";
            case BAD_RECORD_MAC -> "bad_record_mac";
            case DECRYPTION_FAILED -> "decryption_failed";
            case RECORD_OVERFLOW -> "record_overflow";
            case DECRYPT_ERROR -> "decrypt_error";
            case NO_RENEGOTIATION -> "no_renegotiation";
            case HANDSHAKE_FAILURE -> "handshake_failure";
            case ILLEGAL_PARAMETER -> "illegal_parameter";
            case DECODE_ERROR -> "decode_error";
            case PROTOCOL_VERSION -> "protocol_version";
            case INSUFFICIENT_SECURITY -> "insufficient_security";
            case INTERNAL_ERROR -> "internal_error";
            case INAPPROPRIATE_FALLBACK -> "inappropriate_fallback";
            case MISSING_EXTENSION -> "missing_extension";
            case UNRECOGNIZED_NAME -> "unrecognized_name";
            default -> "alert " + description;
        };
    }
}
