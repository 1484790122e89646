package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** An MTA-STS policy's mode (RFC 8461 section 5): what a sender does when an MX fails validation. */
public enum MtaStsMode {
    ENFORCE, TESTING, NONE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MtaStsMode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
