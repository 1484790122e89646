package io.smtpscope.result;

/**
 * One TLSA record as published (RFC 6698 section 2.1): usage, selector, matching type and the association data in
 * lower-case hex. {@code usable}: usable for SMTP (RFC 7672 section 3.1: usage 2 or 3, selector 0 or 1, matching type
 * 0, 1 or 2 with a digest of the right length); {@code unusable_why} says why not, null when usable.
 */
public record TlsaSeen(int usage, int selector, int matchingType, String data, boolean usable, String unusableWhy) {
    /** The record in zone-file presentation, as {@code ldns-dane} and {@code dig} print it. */
    public String presentation() {
        return usage + " " + selector + " " + matchingType + " " + data;
    }
}
