package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a policy fetch over HTTPS ended; only {@code OK} (status 200, within the size bound) yields a body. */
public enum HttpsFetchStatus {
    OK, NOT_FETCHED, HOST_NOT_FOUND, CONNECT_FAILED, TIMEOUT, CERTIFICATE_INVALID, TLS_FAILED, REDIRECT, HTTP_ERROR,
    TOO_LARGE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static HttpsFetchStatus parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
