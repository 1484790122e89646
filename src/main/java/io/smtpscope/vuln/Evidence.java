package io.smtpscope.vuln;

import io.smtpscope.text.Printable;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The short named facts a check records, in order: what it sent, what it saw. Bounded (entries and length),
 * with control characters escaped at once, because values may quote what a hostile server sent. Bytes a server
 * leaked are never kept: {@link #digest} records their length and SHA-256 only.
 */
public final class Evidence {
    static final int MAX_ENTRIES = 24;
    static final int MAX_VALUE = 240;

    private final Map<String, String> facts = new LinkedHashMap<>();

    public Evidence put(String name, Object value) {
        if (facts.size() < MAX_ENTRIES || facts.containsKey(name)) {
            facts.put(name, Printable.shorten(Printable.escapeControls(String.valueOf(value)), MAX_VALUE));
        }
        return this;
    }

    /** At most {@code max} bytes as hex ("16 03 03 ..."), for the record headers and alerts a check saw. */
    public Evidence hex(String name, byte[] bytes, int max) {
        int n = Math.min(bytes.length, max);
        StringBuilder out = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(HexFormat.of().toHexDigits(bytes[i]));
        }
        return put(name, out + (bytes.length > max ? " ... (" + bytes.length + " bytes)" : ""));
    }

    /** Bytes that must not be kept (leaked memory): their length and SHA-256, nothing else. */
    public Evidence digest(String name, byte[] bytes, int length) {
        return put(name, length + " bytes, sha256 " + sha256(bytes, length));
    }

    Map<String, String> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
