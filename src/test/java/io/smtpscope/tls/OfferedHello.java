package io.smtpscope.tls;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client offers in its first ClientHello (RFC 8446 section 4.1.2): the protocol versions (from
 * supported_versions, section 4.2.1, or the legacy version alone when that extension is absent) and the cipher suites.
 * Read from the first record only, which is bounded (RFC 8446 section 5.1: at most 2^14 bytes of plaintext).
 */
public record OfferedHello(List<Integer> versions, List<Integer> suites) {
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SUPPORTED_VERSIONS = 43;

    public static OfferedHello read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int type = in.readUnsignedByte();
        in.readUnsignedShort(); // record version
        int length = in.readUnsignedShort();
        if (type != HANDSHAKE || length > (1 << 14)) {
            throw new IOException("not a TLS handshake record: type " + type + ", length " + length);
        }
        byte[] record = in.readNBytes(length);
        ByteBuffer hello = ByteBuffer.wrap(record);
        if (Byte.toUnsignedInt(hello.get()) != CLIENT_HELLO) {
            throw new IOException("the first handshake message is not a ClientHello");
        }
        skip(hello, 3); // handshake length
        int legacyVersion = Short.toUnsignedInt(hello.getShort());
        skip(hello, 32); // random
        skip(hello, Byte.toUnsignedInt(hello.get())); // legacy_session_id
        List<Integer> suites = twoByteValues(hello, Short.toUnsignedInt(hello.getShort()));
        skip(hello, Byte.toUnsignedInt(hello.get())); // legacy_compression_methods
        List<Integer> versions = List.of(legacyVersion);
        if (hello.remaining() >= 2) {
            int extensionsLength = Short.toUnsignedInt(hello.getShort());
            int end = hello.position() + extensionsLength;
            while (hello.position() + 4 <= end) {
                int extension = Short.toUnsignedInt(hello.getShort());
                int size = Short.toUnsignedInt(hello.getShort());
                if (extension == SUPPORTED_VERSIONS) {
                    versions = twoByteValues(hello, Byte.toUnsignedInt(hello.get()));
                } else {
                    skip(hello, size);
                }
            }
        }
        return new OfferedHello(versions, suites);
    }

    /** The length is read before the position: {@code position(position() + get())} would lose the length byte. */
    private static void skip(ByteBuffer buffer, int bytes) {
        buffer.position(buffer.position() + bytes);
    }

    private static List<Integer> twoByteValues(ByteBuffer buffer, int bytes) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < bytes / 2; i++) {
            values.add(Short.toUnsignedInt(buffer.getShort()));
        }
        return values;
    }
}
