package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What DNSSEC validation said of one answer (RFC 4035 section 4.3): {@code secure} (signed and validated from the
 * trust anchor), {@code insecure} (provably unsigned), {@code bogus} (signed but failing validation),
 * {@code unknown} (no answer to validate: the lookup itself failed).
 */
public enum DnssecState {
    SECURE, INSECURE, BOGUS, UNKNOWN;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DnssecState parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return label();
    }
}
