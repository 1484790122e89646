package io.smtpscope.smtp;

import java.io.Closeable;
import java.io.IOException;

/** A byte stream to the server, plain or TLS; every blocking call is bounded by a {@link Deadline}. */
public interface Transport extends Closeable {
    /** Reads up to {@code len} bytes; -1 at end of stream; throws {@link PhaseTimeoutException} at the deadline. */
    int read(byte[] buffer, int offset, int len, Deadline deadline) throws IOException;

    void write(byte[] data, Deadline deadline) throws IOException;

    @Override
    void close();
}
