package io.smtpscope.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** A scripted transport: each read hands out at most one queued chunk (and at most {@code len} bytes of it). */
final class FakeTransport implements Transport {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    int reads;

    static FakeTransport of(String... chunks) {
        FakeTransport t = new FakeTransport();
        for (String c : chunks) {
            t.chunks.add(c.getBytes(StandardCharsets.ISO_8859_1));
        }
        return t;
    }

    /** Every byte of {@code text} arrives in its own read, the worst fragmentation a network can produce. */
    static FakeTransport byteByByte(String text) {
        FakeTransport t = new FakeTransport();
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            t.chunks.add(new byte[] {b});
        }
        return t;
    }

    static FakeTransport ofBytes(byte[] data) {
        FakeTransport t = new FakeTransport();
        t.chunks.add(data);
        return t;
    }

    @Override
    public int read(byte[] buffer, int offset, int len, Deadline deadline) {
        reads++;
        byte[] next = chunks.poll();
        if (next == null) {
            return -1;
        }
        int n = Math.min(len, next.length);
        System.arraycopy(next, 0, buffer, offset, n);
        if (n < next.length) {
            byte[] rest = new byte[next.length - n];
            System.arraycopy(next, n, rest, 0, rest.length);
            chunks.addFirst(rest);
        }
        return n;
    }

    @Override
    public void write(byte[] data, Deadline deadline) {
        written.writeBytes(data);
    }

    @Override
    public void close() {
    }
}
