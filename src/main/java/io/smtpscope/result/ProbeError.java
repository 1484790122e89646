package io.smtpscope.result;

/**
 * Why a probe stopped early. {@code phase} is where (dns, connect, banner, ehlo, starttls, handshake,
 * ehlo_after_tls, quit); {@code kind} is a closed set of names (see {@code ErrorKind}).
 */
public record ProbeError(String phase, ErrorKind kind, String message) {
}
