package io.smtpscope.result;

/**
 * One HTTPS fetch of a policy file: where, how it ended, the HTTP status, the Content-Type, the bytes read (at most
 * the bound plus one: reading stops there), the certificate verdict for the policy host ({@code certificate_valid}
 * null when no certificate was seen) and why it failed, the {@code Location} of a redirect (not followed), and an
 * error in plain words. Every string came from the network and is escaped.
 */
public record PolicyFetch(String url, HttpsFetchStatus status, Integer httpStatus, String contentType, long bytes,
                          Boolean certificateValid, String certificateError, String location, String error) {
}
