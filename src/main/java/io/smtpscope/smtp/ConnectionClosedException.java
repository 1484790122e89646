package io.smtpscope.smtp;

import java.io.IOException;

/** The peer closed the connection (orderly EOF) while we waited for data. */
public class ConnectionClosedException extends IOException {
    private final byte[] partial;

    public ConnectionClosedException(String message, byte[] partial) {
        super(message);
        this.partial = partial == null ? new byte[0] : partial.clone();
    }

    /** Bytes of an unfinished line received before the close (may show what service it was). */
    public byte[] partial() {
        return partial.clone();
    }
}
