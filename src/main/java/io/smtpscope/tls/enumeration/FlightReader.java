package io.smtpscope.tls.enumeration;

import java.util.Arrays;

/**
 * Reads a server's answer to one ClientHello as it arrives, read after read, and keeps what it has parsed: a
 * record is decoded once, when its last byte is in; a handshake message once, when its last byte is in. A
 * handshake message may be fragmented over records of any size (RFC 8446 section 5.1, RFC 5246 section 6.2.1),
 * so a hostile server can send its flight one byte per record; each byte received is still examined a bounded
 * number of times (record layer, reassembly, message), and the work grows with the bytes, never with their square.
 * <p>
 * Results are those of {@link ServerHelloParser#parse} over everything received so far, whatever the reads. Once
 * the answer is decided (an alert, a complete hello, a malformed record) it no longer changes and later bytes
 * are ignored. Confined to one thread.
 */
final class FlightReader {
    private static final int HEADER = 5;
    private static final int SSL2_HEADER = 2;

    private final TlsVersion offered;
    private Boolean ssl2;
    private final byte[] header = new byte[HEADER];
    private int headerFilled;
    private int recordType;
    private int recordLength;
    private byte[] body = new byte[512];
    private int bodyFilled;
    private byte[] handshake = new byte[1024];
    private int handshakeLength;
    private int consumed;
    private ServerFlight.Hello hello;
    /** The answer is decided: a final flight, or the hello with nothing more to read (an alert after it, a full buffer). */
    private ServerFlight decided;
    private TlsParseException failure;
    private long examined;

    FlightReader(TlsVersion offered) {
        this.offered = offered;
    }

    /**
     * Takes the next {@code length} bytes of the answer. Returns {@link ServerFlight.Incomplete} while more bytes
     * are needed, a {@link ServerFlight.Hello} with {@code complete=false} when the hello is known but the flight
     * goes on, or the final answer; throws (again, on every later call) once the answer proved malformed.
     */
    ServerFlight feed(byte[] data, int offset, int length) throws TlsParseException {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range out of bounds");
        }
        if (failure != null) {
            throw failure;
        }
        try {
            int pos = offset;
            int end = offset + length;
            while (pos < end && decided == null) {
                if (ssl2 == null) {
                    ssl2 = offered == TlsVersion.SSLV2 && (data[pos] & 0x80) != 0;
                }
                pos = ssl2 ? ssl2Bytes(data, pos, end) : recordBytes(data, pos, end);
            }
        } catch (TlsParseException e) {
            failure = e;
            throw e;
        }
        return current();
    }

    /**
     * Bytes examined so far: copied into a record or the reassembly buffer, or read by a message decoder. A
     * measure of the parsing work, which stays within a small multiple of the bytes received.
     */
    long bytesExamined() {
        return examined;
    }

    private ServerFlight current() {
        if (decided != null) {
            return decided;
        }
        return hello != null ? hello : new ServerFlight.Incomplete();
    }

    /** SSLv2: a 2-byte header with the high bit set, then the record; only the first record counts. */
    private int ssl2Bytes(byte[] data, int pos, int end) throws TlsParseException {
        if (headerFilled < SSL2_HEADER) {
            pos = fillHeader(data, pos, end, SSL2_HEADER);
            if (headerFilled < SSL2_HEADER) {
                return pos;
            }
            startBody(((header[0] & 0x7F) << 8) | (header[1] & 0xFF));
        }
        pos = fillBody(data, pos, end);
        if (bodyFilled == recordLength) {
            examined += recordLength;
            decided = ServerHelloParser.ssl2Message(new ServerHelloParser.Reader(body, 0, recordLength));
        }
        return pos;
    }

    /** TLS records (RFC 8446 section 5.1): the header is checked as soon as it is in, the body when complete. */
    private int recordBytes(byte[] data, int pos, int end) throws TlsParseException {
        if (headerFilled < HEADER) {
            pos = fillHeader(data, pos, end, HEADER);
            if (headerFilled < HEADER) {
                return pos;
            }
            recordType = header[0] & 0xFF;
            int major = header[1] & 0xFF;
            int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            if (recordType < 20 || recordType > 24) {
                throw new TlsParseException("not a TLS record (content type " + recordType + ")");
            }
            if (major != 3) {
                throw new TlsParseException("not a TLS record (version major " + major + ")");
            }
            if (length > ServerHelloParser.MAX_RECORD) {
                throw new TlsParseException("record length " + length + " exceeds the TLS maximum");
            }
            startBody(length);
        }
        pos = fillBody(data, pos, end);
        if (bodyFilled == recordLength) {
            headerFilled = 0;
            record();
        }
        return pos;
    }

    private int fillHeader(byte[] data, int pos, int end, int size) {
        int n = Math.min(size - headerFilled, end - pos);
        System.arraycopy(data, pos, header, headerFilled, n);
        headerFilled += n;
        examined += n;
        return pos + n;
    }

    private void startBody(int length) {
        recordLength = length;
        bodyFilled = 0;
        if (body.length < length) {
            body = new byte[Math.max(length, Math.min(2 * body.length, ServerHelloParser.MAX_RECORD))];
        }
    }

    private int fillBody(byte[] data, int pos, int end) {
        int n = Math.min(recordLength - bodyFilled, end - pos);
        System.arraycopy(data, pos, body, bodyFilled, n);
        bodyFilled += n;
        examined += n;
        return pos + n;
    }

    /** One complete record. */
    private void record() throws TlsParseException {
        switch (recordType) {
            case 21 -> {
                if (recordLength < 2) {
                    throw new TlsParseException("alert record of " + recordLength + " bytes");
                }
                // An alert after the hello: the hello stands, and nothing after the alert is read.
                decided = hello == null ? new ServerFlight.Alert(body[0] & 0xFF, body[1] & 0xFF) : hello;
            }
            case 22 -> handshakeRecord();
            case 20 -> { } // change_cipher_spec: TLS 1.3 middlebox compatibility, RFC 8446 section D.4
            case 23 -> {
                if (hello == null) {
                    throw new TlsParseException("application data before any ServerHello");
                }
                decided = hello.completed();
            }
            default -> throw new TlsParseException("unexpected heartbeat record");
        }
    }

    private void handshakeRecord() throws TlsParseException {
        if (handshakeLength + recordLength > ServerHelloParser.MAX_HANDSHAKE_BYTES) {
            // enough read: report what we have rather than buffer more of a hostile stream
            if (hello == null) {
                throw new TlsParseException("handshake data over " + ServerHelloParser.MAX_HANDSHAKE_BYTES
                        + " bytes without a ServerHello");
            }
            decided = hello;
            return;
        }
        if (handshake.length < handshakeLength + recordLength) {
            // doubling: copying on growth stays linear in the bytes kept
            handshake = Arrays.copyOf(handshake, Math.min(ServerHelloParser.MAX_HANDSHAKE_BYTES,
                    Math.max(handshakeLength + recordLength, 2 * handshake.length)));
        }
        System.arraycopy(body, 0, handshake, handshakeLength, recordLength);
        handshakeLength += recordLength;
        examined += recordLength;
        handshakeMessages();
    }

    /** Decodes each handshake message whose last byte is in, once; waits for the rest of an incomplete one. */
    private void handshakeMessages() throws TlsParseException {
        while (decided == null && consumed + 4 <= handshakeLength) {
            int type = handshake[consumed] & 0xFF;
            int msgLength = ((handshake[consumed + 1] & 0xFF) << 16) | ((handshake[consumed + 2] & 0xFF) << 8)
                    | (handshake[consumed + 3] & 0xFF);
            if (msgLength > ServerHelloParser.MAX_HANDSHAKE_BYTES) {
                throw new TlsParseException("handshake message of " + msgLength + " bytes");
            }
            if (consumed + 4 + msgLength > handshakeLength) {
                return;
            }
            ServerHelloParser.Reader message = new ServerHelloParser.Reader(handshake, consumed + 4, msgLength);
            consumed += 4 + msgLength;
            examined += msgLength;
            message(type, message);
        }
    }

    private void message(int type, ServerHelloParser.Reader m) throws TlsParseException {
        if (hello == null) {
            if (type != 2) {
                throw new TlsParseException("expected ServerHello, got handshake type " + type);
            }
            hello = ServerHelloParser.serverHello(m);
            if (hello.helloRetry() || hello.version() >= TlsVersion.TLS13.code()) {
                decided = hello.completed(); // the rest of a TLS 1.3 flight is encrypted
            }
            return;
        }
        switch (type) {
            case 11 -> hello = ServerHelloParser.withCertificates(hello, ServerHelloParser.certificates(m));
            case 12 -> hello = ServerHelloParser.serverKeyExchange(hello, m);
            case 14 -> decided = hello.completed();
            default -> { } // CertificateStatus, CertificateRequest: nothing we need
        }
    }
}
