package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Finding severities, in rising order: compare with {@link #atLeast}. */
public enum Severity {
    INFO, WARN, FAIL;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "info" -> INFO;
            case "warn", "warning" -> WARN;
            case "fail", "failure" -> FAIL;
            default -> throw new IllegalArgumentException("unknown severity '" + text + "' (expected info, warn or fail)");
        };
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return label();
    }
}
