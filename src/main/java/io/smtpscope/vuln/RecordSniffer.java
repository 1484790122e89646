package io.smtpscope.vuln;

import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.Transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes a TLS connection through and notes the content type of each record the server sends (the record header
 * is plaintext even inside TLS 1.2, RFC 5246 section 6.2.1): whether an answer to a renegotiation was a
 * handshake or an alert, whatever the TLS engine makes of it. Length fields only steer the skipping.
 */
final class RecordSniffer implements Transport {
    static final int MAX_TYPES = 64;

    private final Transport inner;
    private final byte[] header = new byte[5];
    private int headerFilled;
    private int bodyLeft;
    private final List<Integer> types = new ArrayList<>();

    RecordSniffer(Transport inner) {
        this.inner = inner;
    }

    /** Content types of the records that started since the last {@link #clear}, in order (at most {@value #MAX_TYPES}). */
    List<Integer> types() {
        return List.copyOf(types);
    }

    void clear() {
        types.clear();
    }

    @Override
    public int read(byte[] buffer, int offset, int len, Deadline deadline) throws IOException {
        int n = inner.read(buffer, offset, len, deadline);
        for (int i = offset; i < offset + Math.max(n, 0); ) {
            if (bodyLeft > 0) {
                int skip = Math.min(bodyLeft, offset + n - i);
                bodyLeft -= skip;
                i += skip;
                continue;
            }
            header[headerFilled++] = buffer[i++];
            if (headerFilled == header.length) {
                headerFilled = 0;
                bodyLeft = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                if (types.size() < MAX_TYPES) {
                    types.add(header[0] & 0xFF);
                }
            }
        }
        return n;
    }

    @Override
    public void write(byte[] data, Deadline deadline) throws IOException {
        inner.write(data, deadline);
    }

    @Override
    public void close() {
        inner.close();
    }
}
