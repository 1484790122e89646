package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a TXT lookup gave: records, none (NXDOMAIN/NODATA), or a failure that leaves the question open. */
public enum TxtStatus {
    FOUND, NO_RECORDS, FAILED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TxtStatus parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
