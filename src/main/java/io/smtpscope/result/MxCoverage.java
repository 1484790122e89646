package io.smtpscope.result;

/**
 * One MX host of a domain under its MTA-STS policy: the first pattern it matches (null: none, so a sender under
 * {@code enforce} will not deliver to it) and whether its STARTTLS certificate was valid for its name (null: not
 * known, the host was not scanned or offered no TLS).
 */
public record MxCoverage(String mxHost, String matchedPattern, Boolean certificateValid) {
}
