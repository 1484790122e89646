package io.smtpscope.net;

import io.smtpscope.smtp.SmtpReply;

/**
 * What happened when STARTTLS was sent with other commands in the same write ({@link Dialed#startTlsPipelined}):
 * the reply to STARTTLS, the plaintext the server sent after that reply and before the TLS handshake (the first
 * bytes, and how many in all), and whether the handshake completed. Those plaintext bytes were discarded, never
 * read as a reply (RFC 3207 section 4.2).
 *
 * @param reply          the server's reply to STARTTLS
 * @param plaintextAfter the first bytes the server sent in plaintext after that reply (bounded)
 * @param plaintextBytes how many such bytes there were in all
 * @param handshakeError null when TLS came up; otherwise why it did not
 */
public record PipelinedStartTls(SmtpReply reply, byte[] plaintextAfter, int plaintextBytes, String handshakeError) {
    public PipelinedStartTls {
        plaintextAfter = plaintextAfter.clone();
    }

    @Override
    public byte[] plaintextAfter() {
        return plaintextAfter.clone();
    }

    public boolean accepted() {
        return reply.code() == 220;
    }

    public boolean tlsUp() {
        return accepted() && handshakeError == null;
    }
}
