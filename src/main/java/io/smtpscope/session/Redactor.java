package io.smtpscope.session;

import io.smtpscope.smtp.LineRedaction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Masks the secret of a login or send-test run in the protocol lines ({@code C:}/{@code S:}) and in what the server
 * sends, while they are still raw bytes: before they are decoded, escaped or cut (see {@link LineRedaction}). It is
 * never applied to the tool's own sentences: with the password "server", "The server rejected the credentials" stays.
 *
 * <p>Two kinds of match:
 * <ul>
 *   <li>the secret itself, whole: a server that decodes our SASL message and quotes the password;</li>
 *   <li>any piece of at least {@link #MIN_FRAGMENT} characters of a base64 encoding that carries bits of the secret:
 *   each SASL message we send (RFC 4954 section 4: PLAIN, XOAUTH2, the secret alone for LOGIN), and the secret alone
 *   at each of the three byte alignments, so that a server echoing our line cut, padded, split over reply lines, or
 *   re-encoding a piece of it, is caught too. A piece that encodes only the user name of a PLAIN message is not
 *   secret and is left alone.</li>
 * </ul>
 * A match masks the whole word it lies in (up to white space or a control character), not only the matching
 * characters: the rest of a cut token would stay readable, and a half-masked word shows where the secret is.
 */
public final class Redactor implements LineRedaction {
    public static final String MASK = "***";
    /**
     * The shortest base64 piece that is masked: one quantum, four characters for three bytes. Shorter pieces occur
     * in ordinary words by chance and would mask protocol text at random, while three characters carry two bytes.
     */
    static final int MIN_FRAGMENT = 4;
    private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    /** Every four-character piece of a base64 encoding that carries bits of the secret, packed into an int. */
    private final Set<Integer> fragments;

    private Redactor(byte[] secret, Set<Integer> fragments) {
        this.secret = secret;
        this.fragments = Set.copyOf(fragments);
    }

    /** Masks nothing: a session without credentials. */
    public static Redactor none() {
        return new Redactor(new byte[0], Set.of());
    }

    public static Redactor of(Credentials credentials) {
        byte[] secret = credentials.secret().getBytes(StandardCharsets.UTF_8);
        Set<Integer> fragments = new HashSet<>();
        for (Credentials.Carrier carrier : credentials.carriers()) {
            int before = carrier.before().getBytes(StandardCharsets.UTF_8).length;
            addFragments(fragments, carrier.around(credentials.secret()).getBytes(StandardCharsets.UTF_8),
                    before, before + secret.length);
        }
        // A piece of the secret re-encoded by a server starts at any byte; base64 has three alignments.
        for (int skip = 1; skip < Math.min(3, secret.length); skip++) {
            addFragments(fragments, Arrays.copyOfRange(secret, skip, secret.length), 0, secret.length - skip);
        }
        return new Redactor(secret, fragments);
    }

    /**
     * Adds the pieces of base64({@code message}) that depend on bytes {@code from..to} of it (the secret). Character
     * {@code i} of an encoding holds bits {@code 6i..6i+5}, so the secret's bits are in characters
     * {@code 8*from/6} to {@code (8*to-1)/6}.
     */
    private static void addFragments(Set<Integer> fragments, byte[] message, int from, int to) {
        byte[] encoded = Base64.getEncoder().encode(message);
        int first = 8 * from / 6;
        int last = (8 * to - 1) / 6;
        for (int p = 0; p + MIN_FRAGMENT <= encoded.length; p++) {
            if (p <= last && p + MIN_FRAGMENT > first) {
                fragments.add(pack(encoded, p));
            }
        }
    }

    @Override
    public byte[] redact(byte[] line) {
        if (secret.length == 0) {
            return line;
        }
        boolean[] hit = null;
        if (secret.length <= line.length) {
            for (int at = indexOf(line, secret, 0); at >= 0; at = indexOf(line, secret, at + 1)) {
                hit = mark(hit, line.length, at, secret.length);
            }
        }
        for (int p = 0; p + MIN_FRAGMENT <= line.length; p++) {
            if (fragments.contains(pack(line, p))) {
                hit = mark(hit, line.length, p, MIN_FRAGMENT);
            }
        }
        return hit == null ? line : masked(line, hit);
    }

    private static boolean[] mark(boolean[] hit, int length, int from, int count) {
        boolean[] marks = hit == null ? new boolean[length] : hit;
        Arrays.fill(marks, from, from + count, true);
        return marks;
    }

    /** Widens every hit to its whole word, then writes one mask per masked stretch. */
    private static byte[] masked(byte[] line, boolean[] hit) {
        int n = line.length;
        for (int i = 1; i < n; i++) {
            hit[i] |= hit[i - 1] && inWord(line[i - 1]) && inWord(line[i]);
        }
        for (int i = n - 2; i >= 0; i--) {
            hit[i] |= hit[i + 1] && inWord(line[i + 1]) && inWord(line[i]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        int i = 0;
        while (i < n) {
            if (hit[i]) {
                out.writeBytes(MASK_BYTES);
                while (i < n && hit[i]) {
                    i++;
                }
            } else {
                out.write(line[i++]);
            }
        }
        return out.toByteArray();
    }

    /** Words end at white space and control characters; bytes of multi-byte UTF-8 characters are inside words. */
    private static boolean inWord(byte b) {
        int c = b & 0xff;
        return c > 0x20 && c != 0x7f;
    }

    private static int pack(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
