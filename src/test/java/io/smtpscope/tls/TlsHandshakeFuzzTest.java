package io.smtpscope.tls;

import io.smtpscope.smtp.ChunkedTransport;
import io.smtpscope.smtp.Deadline;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

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

    @Property(tries = 300)
    void arbitraryServerBytes(@ForAll @Size(max = 4000) byte[] serverBytes,
                              @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 3000) Integer> chunks) {
        handshakeAgainst(serverBytes, chunks);
    }

    @Property(tries = 300)
    void plausibleRecordsWithArbitraryContent(@ForAll("records") byte[] serverBytes,
                                              @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 300) Integer> chunks) {
        handshakeAgainst(serverBytes, chunks);
    }

    /** TLS records (RFC 8446 section 5.1) with real content types and versions, lengths that may lie. */
    @Provide
    Arbitrary<byte[]> records() {
        Arbitrary<byte[]> record = net.jqwik.api.Combinators.combine(
                Arbitraries.of((byte) 20, (byte) 21, (byte) 22, (byte) 23),
                Arbitraries.of((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4),
                Arbitraries.integers().between(0, 0xffff),
                Arbitraries.of((byte) 1, (byte) 2, (byte) 4, (byte) 8, (byte) 11, (byte) 13, (byte) 14, (byte) 20),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(600)).as((type, minor, length, handshakeType, body) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(type);
                    out.write(3);
                    out.write(minor);
                    boolean honest = (length & 1) == 0;
                    int declared = honest ? body.length + 4 : length;
                    out.write(declared >> 8);
                    out.write(declared);
                    out.write(handshakeType);
                    out.write(0);
                    out.write(body.length >> 8);
                    out.write(body.length);
                    out.writeBytes(body);
                    return out.toByteArray();
                });
        return record.list().ofMinSize(1).ofMaxSize(4).map(list -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            list.forEach(all::writeBytes);
            return all.toByteArray();
        });
    }
}
