package io.smtpscope.target;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the scanner speaks to a port: SMTP then STARTTLS, TLS first (RFC 8314), or SMTP only. */
public enum Mode {
    STARTTLS("starttls"),
    IMPLICIT_TLS("implicit-tls"),
    PLAIN("plain");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** 465 is implicit TLS (RFC 8314 section 3.3); every other port speaks SMTP first and upgrades. */
    public static Mode defaultFor(int port) {
        return port == 465 ? IMPLICIT_TLS : STARTTLS;
    }

    @JsonCreator
    public static Mode parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode.label.equals(wanted)) {
                return mode;
            }
        }
        // Friendly aliases people type: "tls"/"smtps" for implicit TLS.
        return switch (wanted) {
            case "tls", "smtps", "implicit" -> IMPLICIT_TLS;
            case "smtp", "none" -> PLAIN;
            default -> throw new IllegalArgumentException("unknown mode '" + text + "' (expected one of "
                    + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", ")) + ")");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
