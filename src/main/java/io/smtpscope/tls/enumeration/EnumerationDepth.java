package io.smtpscope.tls.enumeration;

import java.util.Locale;

/** How deep TLS enumeration goes (profile key {@code enumeration}). */
public enum EnumerationDepth {
    /** No enumeration: only the probe's own handshake. */
    OFF,
    /** Protocol versions only (one connection per version), plus the extensions seen on the way. */
    PROTOCOLS,
    /** Versions, suites per version, server preference, groups, curves, DH size. */
    FULL;

    public static EnumerationDepth parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "protocols" -> PROTOCOLS;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("'" + text + "' is not an enumeration depth (off, protocols, full)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
