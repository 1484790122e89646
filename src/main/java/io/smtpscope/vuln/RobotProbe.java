package io.smtpscope.vuln;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Random;

/**
 * The five premaster-secret encodings of the ROBOT paper (Böck, Somorovsky, Young 2018, section 4.2; as its
 * robot-detect script sends them), PKCS#1 v1.5 blocks (RFC 8017 section 7.2.1) encrypted with the server's RSA
 * key by hand, so that malformed ones can be built. Only the first is well formed; a server whose answers
 * depend on which one it got is an oracle.
 */
final class RobotProbe {
    /** One malformation: a name for the evidence, and how the block is laid out. */
    enum Variant {
        CORRECT("correct padding and version"),
        WRONG_FIRST_BYTES("0x41 0x17 instead of 0x00 0x02"),
        ZERO_AT_WRONG_POSITION("the 0x00 separator near the end"),
        NO_ZERO_SEPARATOR("no 0x00 separator"),
        WRONG_VERSION("premaster secret with version 0x0202");

        final String description;

        Variant(String description) {
            this.description = description;
        }
    }

    static final List<Variant> VARIANTS = List.of(Variant.values());
    private static final int PMS = 48;

    private final Random random;

    RobotProbe() {
        this(new SecureRandom());
    }

    RobotProbe(Random random) {
        this.random = random;
    }

    /** The unencrypted block of {@code variant} for a modulus of {@code k} bytes and ClientHello version {@code version}. */
    byte[] block(Variant variant, int k, int version) {
        if (k < PMS + 11) {
            throw new IllegalArgumentException("RSA modulus of " + k + " bytes is too small for a premaster secret");
        }
        byte[] b = new byte[k];
        nonZero(b, 2, k); // padding and the random part: never 0x00 unless placed on purpose
        b[0] = 0x00;
        b[1] = 0x02;
        int separator = k - PMS - 1;
        b[separator] = 0x00;
        b[separator + 1] = (byte) (version >> 8);
        b[separator + 2] = (byte) version;
        switch (variant) {
            case CORRECT -> { }
            case WRONG_FIRST_BYTES -> {
                b[0] = 0x41;
                b[1] = 0x17;
            }
            case ZERO_AT_WRONG_POSITION -> {
                b[separator] = 0x11;
                b[k - 2] = 0x00;
                b[k - 1] = 0x11;
            }
            case NO_ZERO_SEPARATOR -> b[separator] = 0x11;
            case WRONG_VERSION -> {
                b[separator + 1] = 0x02;
                b[separator + 2] = 0x02;
            }
        }
        return b;
    }

    /** Textbook RSA of the block (m^e mod n), as long as the modulus: the padding is already in the block. */
    static byte[] encrypt(byte[] block, RSAPublicKey key) {
        int k = (key.getModulus().bitLength() + 7) / 8;
        byte[] c = new BigInteger(1, block).modPow(key.getPublicExponent(), key.getModulus()).toByteArray();
        byte[] out = new byte[k];
        int copy = Math.min(c.length, k);
        System.arraycopy(c, c.length - copy, out, k - copy, copy);
        return out;
    }

    /**
     * The client's second flight in one write, as robot-detect sends it: ClientKeyExchange (RFC 5246 section
     * 7.4.7.1) with {@code encrypted}, ChangeCipherSpec, and a Finished record of random bytes (it cannot be
     * right: the server must fail it whatever the premaster secret was, and the question is only whether it
     * fails the same way).
     */
    byte[] flight(byte[] encrypted, int version) {
        byte[] cke = new byte[4 + 2 + encrypted.length];
        int bodyLength = 2 + encrypted.length;
        cke[0] = 16;
        cke[1] = (byte) (bodyLength >> 16);
        cke[2] = (byte) (bodyLength >> 8);
        cke[3] = (byte) bodyLength;
        cke[4] = (byte) (encrypted.length >> 8);
        cke[5] = (byte) encrypted.length;
        System.arraycopy(encrypted, 0, cke, 6, encrypted.length);
        byte[] finished = new byte[40];
        random.nextBytes(finished);
        byte[] a = Records.record(Records.HANDSHAKE, version, cke);
        byte[] b = Records.record(Records.CHANGE_CIPHER_SPEC, version, new byte[]{1});
        byte[] c = Records.record(Records.HANDSHAKE, version, finished);
        byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        return all;
    }

    private void nonZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int v;
            do {
                v = random.nextInt(256);
            } while (v == 0);
            b[i] = (byte) v;
        }
    }
}
