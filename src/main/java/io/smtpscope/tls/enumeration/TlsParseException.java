package io.smtpscope.tls.enumeration;

/** The server's bytes are not a well-formed TLS (or SSLv2) answer; the message says what was wrong, never echoes raw bytes. */
public final class TlsParseException extends Exception {
    public TlsParseException(String message) {
        super(message);
    }
}
