package io.smtpscope.result;

/** One MX record as found: preference, exchange (lower case, no trailing dot), and whether its RRset validated. */
public record MxRecordSeen(int preference, String host, boolean secure) {
}
