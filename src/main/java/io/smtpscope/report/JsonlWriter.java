package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ShardLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Streams endpoint results as JSON Lines: one {@code EndpointResult} object of the report contract per line,
 * written and flushed the moment it arrives, so a long run never holds the output in memory and a crash
 * loses nothing already written. Safe to call from the engine's many virtual threads at once: lines never
 * interleave. JSON escapes newlines inside strings, so one object is always exactly one line.
 */
public final class JsonlWriter implements AutoCloseable {
    private final OutputStream out;
    private final boolean closeStream;
    private IOException failure;
    private boolean closed;

    public JsonlWriter(OutputStream out, boolean closeStream) {
        this.out = out;
        this.closeStream = closeStream;
    }

    public void write(EndpointResult result) {
        writeValue(result);
    }

    /** The first or last line of a sharded stream (see {@link ShardLine}). */
    public void write(ShardLine line) {
        writeValue(line);
    }

    private synchronized void writeValue(Object result) {
        if (failure != null || closed) {
            return; // the first error is reported by close(); after close (interrupted run) lines are dropped
        }
        try {
            byte[] line = Json.mapper().writeValueAsBytes(result);
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    public static String line(EndpointResult result) {
        try {
            return new String(Json.mapper().writeValueAsBytes(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
        } finally {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
