package io.smtpscope.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * An in-memory {@link Transport} that hands out the server's bytes in the given chunks (one chunk at most
 * per read, as TCP segments arrive), then either ends the stream or times out, as chosen. Keeps what the
 * client wrote and counts the reads.
 */
public final class ChunkedTransport implements Transport {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private final boolean timeoutAtEnd;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int reads;

    public ChunkedTransport(List<byte[]> chunks, boolean timeoutAtEnd) {
        this.chunks.addAll(chunks);
        this.timeoutAtEnd = timeoutAtEnd;
    }

    /** Each string one chunk (ISO-8859-1: one byte per character), then the end of the stream. */
    public static ChunkedTransport of(String... chunks) {
        List<byte[]> bytes = new java.util.ArrayList<>();
        for (String chunk : chunks) {
            bytes.add(chunk.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new ChunkedTransport(bytes, false);
    }

    /** Every byte of {@code text} arrives in its own read, the worst fragmentation a network can produce. */
    public static ChunkedTransport byteByByte(String text) {
        return split(text.getBytes(StandardCharsets.ISO_8859_1), List.of(1), false);
    }

    public static ChunkedTransport ofBytes(byte[] data) {
        return new ChunkedTransport(List.of(data), false);
    }

    /** Splits {@code data} at the given sizes (cycled; a size of 0 counts as 1). */
    public static ChunkedTransport split(byte[] data, List<Integer> sizes, boolean timeoutAtEnd) {
        List<byte[]> chunks = new java.util.ArrayList<>();
        int at = 0;
        int i = 0;
        while (at < data.length) {
            int size = sizes.isEmpty() ? data.length : Math.max(1, sizes.get(i++ % sizes.size()));
            int end = Math.min(data.length, at + size);
            chunks.add(Arrays.copyOfRange(data, at, end));
            at = end;
        }
        return new ChunkedTransport(chunks, timeoutAtEnd);
    }

    @Override
    public int read(byte[] buffer, int offset, int len, Deadline deadline) throws PhaseTimeoutException {
        reads++;
        byte[] next = chunks.peekFirst();
        if (next == null) {
            if (timeoutAtEnd) {
                throw deadline.timeout();
            }
            return -1;
        }
        int n = Math.min(len, next.length);
        System.arraycopy(next, 0, buffer, offset, n);
        chunks.removeFirst();
        if (n < next.length) {
            chunks.addFirst(Arrays.copyOfRange(next, n, next.length));
        }
        return n;
    }

    @Override
    public void write(byte[] data, Deadline deadline) {
        written.writeBytes(data);
    }

    public byte[] written() {
        return written.toByteArray();
    }

    /** How many times the client called {@link #read}. */
    public int reads() {
        return reads;
    }

    @Override
    public void close() {
    }
}
