package io.smtpscope.result;

/** Milliseconds per phase; null for a phase that did not run. */
public record Timings(Long connect, Long banner, Long ehlo, Long starttls, Long handshake, Long total) {
}
