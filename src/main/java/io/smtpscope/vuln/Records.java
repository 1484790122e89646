package io.smtpscope.vuln;

import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.PhaseTimeoutException;
import io.smtpscope.smtp.Transport;

import java.io.IOException;
import java.net.SocketException;

/**
 * TLS records after the server's first flight, read and written raw (RFC 5246 section 6.2.1): what the
 * record-level checks (heartbeat, early ChangeCipherSpec, ClientKeyExchange) send, and the first record of the
 * answer. A record's length field is the server's word: anything over the protocol's maximum ends the read.
 */
final class Records {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int HEARTBEAT = 24;
    /** 2^14 plaintext plus the expansion RFC 5246 section 6.2.3 allows. */
    static final int MAX_BODY = 16384 + 2048;

    private Records() {
    }

    /** What came back: a record, the connection ending, or nothing before the deadline. */
    sealed interface Reply {
        record Record(int type, int version, byte[] body) implements Reply {
            /** "alert fatal decryption_failed", "heartbeat 16387 bytes", "handshake 40 bytes". */
            String describe() {
                return switch (type) {
                    case ALERT -> body.length >= 2 ? "alert " + (body[0] == 2 ? "fatal " : "warning ")
                            + io.smtpscope.tls.enumeration.AlertDescription.name(body[1] & 0xFF) : "alert (truncated)";
                    case HEARTBEAT -> "heartbeat " + body.length + " bytes";
                    case CHANGE_CIPHER_SPEC -> "change_cipher_spec";
                    case HANDSHAKE -> "handshake " + body.length + " bytes";
                    default -> "record type " + type + ", " + body.length + " bytes";
                };
            }

            /** The alert's description code, or -1 for another record. */
            int alertDescription() {
                return type == ALERT && body.length >= 2 ? body[1] & 0xFF : -1;
            }
        }

        record Closed(String how) implements Reply {
        }

        record Silent() implements Reply {
        }

        /** The endpoint's deadline, not the server, ended the wait: says nothing about the server. */
        record Cut() implements Reply {
        }
    }

    static byte[] record(int type, int version, byte[] body) {
        byte[] out = new byte[5 + body.length];
        out[0] = (byte) type;
        out[1] = (byte) (version >> 8);
        out[2] = (byte) version;
        out[3] = (byte) (body.length >> 8);
        out[4] = (byte) body.length;
        System.arraycopy(body, 0, out, 5, body.length);
        return out;
    }

    /**
     * One record, or how the connection ended, or {@link Reply.Silent} when nothing came before {@code deadline}
     * ({@link Reply.Cut} when that was the endpoint's deadline rather than the check's own wait).
     */
    static Reply read(Transport transport, Deadline deadline) throws IOException {
        byte[] header = new byte[5];
        Reply partial = fill(transport, header, deadline);
        if (partial != null) {
            return partial;
        }
        int type = header[0] & 0xFF;
        int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        if (type < 20 || type > 24 || (header[1] & 0xFF) != 3) {
            throw new IOException("not a TLS record (header " + java.util.HexFormat.of().formatHex(header) + ")");
        }
        if (length > MAX_BODY) {
            throw new IOException("record length " + length + " exceeds the TLS maximum");
        }
        byte[] body = new byte[length];
        partial = fill(transport, body, deadline);
        if (partial != null) {
            return partial instanceof Reply.Silent ? new Reply.Closed("record cut short by the time-out") : partial;
        }
        return new Reply.Record(type, ((header[1] & 0xFF) << 8) | (header[2] & 0xFF), body);
    }

    private static Reply fill(Transport transport, byte[] into, Deadline deadline) throws IOException {
        int filled = 0;
        while (filled < into.length) {
            int n;
            try {
                n = transport.read(into, filled, into.length - filled, deadline);
            } catch (PhaseTimeoutException e) {
                if (e.total() || deadline.cappedByTotal()) {
                    return new Reply.Cut();
                }
                return filled == 0 ? new Reply.Silent() : new Reply.Closed("record cut short by the time-out");
            } catch (SocketException e) {
                // past the endpoint's deadline it was our watchdog that closed the socket, not the server
                return deadline.expired() && deadline.cappedByTotal() ? new Reply.Cut() : new Reply.Closed("connection reset");
            }
            if (n < 0) {
                return new Reply.Closed(filled == 0 ? "connection closed" : "connection closed mid-record");
            }
            filled += n;
        }
        return null;
    }
}
