package io.smtpscope.target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of {@code count} slices of a scan ({@code scan --shard INDEX/COUNT}), 0-based like Kubernetes'
 * {@code JOB_COMPLETION_INDEX}. A partition key belongs to the shard its stable hash picks: the first eight bytes
 * of SHA-256 over the key's UTF-8 bytes, big-endian, unsigned, modulo {@code count}. The same key lands in the same
 * shard on every machine and JVM, which {@code String.hashCode} of a locale-folded name would not promise.
 */
public record Shard(int index, int count) {
    /** More shards than this is a typo, not a plan: a million endpoints at a thousand per pod. */
    public static final int MAX_COUNT = 100_000;

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("shard count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be between 0 and " + (count - 1)
                    + " (0-based, as JOB_COMPLETION_INDEX), got " + index);
        }
    }

    /** {@code INDEX/COUNT}, e.g. {@code 0/4}; a clear message for anything else. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("[0-9]{1,9}/[0-9]{1,9}")) {
            throw new IllegalArgumentException("expected INDEX/COUNT such as 0/4 (INDEX 0-based), got '"
                    + io.smtpscope.text.Printable.escapeControls(t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'");
        }
        int slash = t.indexOf('/');
        return new Shard(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
    }

    /** The shard index of a partition key among {@code count} shards. */
    public static int of(String key, int count) {
        byte[] digest = sha256(key.getBytes(StandardCharsets.UTF_8));
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (digest[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(prefix, count);
    }

    public boolean owns(String key) {
        return of(key, count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
