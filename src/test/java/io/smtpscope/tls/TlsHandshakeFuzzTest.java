package io.smtpscope.tls;

import io.smtpscope.smtp.ChunkedTransport;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-based fuzzing of the TLS record and handshake decoding path (our {@link TlsTransport} driving the
 * JDK engine): whatever the server answers to our ClientHello, the handshake ends with a
 * {@link TlsTransport.HandshakeFailure}, never another exception, and never waits past the input.
 */
class TlsHandshakeFuzzTest {
    private static final long FAR = System.nanoTime() + 600_000_000_000L;

    static void handshakeAgainst(byte[] serverBytes, List<Integer> chunks) {
        ChunkedTransport server = ChunkedTransport.split(serverBytes, chunks, false);
        try {
            TlsTransport.handshake(server, TlsContexts.observingEngine("192.0.2.1", 465, "mail.fuzz.test"),
                    Deadline.of("handshake", 60_000, FAR));
            fail("a handshake completed against random bytes");
        } catch (TlsTransport.HandshakeFailure expected) {
            assertTrue(expected.getMessage() != null || expected.getCause() != null);
        } catch (IOException | RuntimeException other) {
            throw new AssertionError("unexpected " + other.getClass().getName() + ": " + other.getMessage(), other);
        }
        assertTrue(server.written().length > 0, "a ClientHello was sent first");
    }

    record Answer(byte[] serverBytes, List<Integer> chunks) {
    }

    @Test
    void arbitraryServerBytes() {
        RandomInputs.forAll(300, r -> new Answer(r.bytes(0, 4000), r.ints(0, 4, 1, 3000)),
                answer -> handshakeAgainst(answer.serverBytes(), answer.chunks()));
    }

    @Test
    void plausibleRecordsWithArbitraryContent() {
        RandomInputs.forAll(300, r -> new Answer(records(r), r.ints(0, 4, 1, 300)),
                answer -> handshakeAgainst(answer.serverBytes(), answer.chunks()));
    }

    /** TLS records (RFC 8446 section 5.1) with real content types and versions, lengths that may lie. */
    static byte[] records(RandomInputs r) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int count = r.size(1, 4);
        for (int i = 0; i < count; i++) {
            byte type = r.pick((byte) 20, (byte) 21, (byte) 22, (byte) 23);
            byte minor = r.pick((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
            int length = r.between(0, 0xffff);
            byte handshakeType = r.pick((byte) 1, (byte) 2, (byte) 4, (byte) 8, (byte) 11, (byte) 13, (byte) 14, (byte) 20);
            byte[] body = r.bytes(0, 600);
            boolean honest = (length & 1) == 0;
            int declared = honest ? body.length + 4 : length;
            all.write(type);
            all.write(3);
            all.write(minor);
            all.write(declared >> 8);
            all.write(declared);
            all.write(handshakeType);
            all.write(0);
            all.write(body.length >> 8);
            all.write(body.length);
            all.writeBytes(body);
        }
        return all.toByteArray();
    }
}
