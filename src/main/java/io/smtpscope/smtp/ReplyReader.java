package io.smtpscope.smtp;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.text.Printable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads SMTP replies from a {@link Transport}, however they are fragmented across packets.
 *
 * <p>RFC 5321 section 4.2: {@code code-text CRLF} lines, {@code code "-" text} for all but the last.
 * Bare LF and bare CR are accepted as line ends (real servers and middleboxes send both). Every
 * quantity a server controls is bounded: line length ({@link #MAX_LINE_BYTES}; RFC 5321 section
 * 4.5.3.1.5 allows 512), lines per reply ({@link #MAX_REPLY_LINES}) and bytes per reply
 * ({@link #MAX_REPLY_BYTES}): the two first bounds alone still let one reply hold 1 MB.
 */
public final class ReplyReader {
    public static final int MAX_LINE_BYTES = 4096;
    public static final int MAX_REPLY_LINES = 256;
    /**
     * Bytes of one reply, line ends included. Real greetings and EHLO replies are well under 2 KiB (even long
     * multi-line legal banners); 16 KiB bounds what one reply can cost in memory, in escaping and in the report.
     */
    public static final int MAX_REPLY_BYTES = 16 * 1024;

    private final byte[] buffer = new byte[4096];
    private int position;
    private int limit;
    /** Set after a bare CR ended a line, so that an LF right after it is not read as an empty line. */
    private boolean skipLineFeed;
    private Transport transport;
    private final LineRedaction redaction;

    public ReplyReader(Transport transport) {
        this(transport, LineRedaction.NONE);
    }

    /** {@code redaction} masks each line while it is raw bytes, before it is decoded, escaped or cut into a message. */
    public ReplyReader(Transport transport, LineRedaction redaction) {
        this.transport = transport;
        this.redaction = redaction;
    }

    /**
     * Switches to a new transport (after the TLS handshake) and returns how many bytes were buffered
     * but not yet read: bytes a server sent in plaintext after its STARTTLS reply must be discarded,
     * never read as if protected by TLS (RFC 3207 section 4.2, the STARTTLS command injection class).
     */
    public int switchTransport(Transport next) {
        if (skipLineFeed && position < limit && buffer[position] == '\n') {
            position++; // the LF of the reply's own CRLF, not injected data
        }
        int discarded = limit - position;
        position = 0;
        limit = 0;
        skipLineFeed = false;
        transport = next;
        return discarded;
    }

    public boolean hasBufferedBytes() {
        return limit > position;
    }

    /**
     * Takes every byte buffered but not yet read, returning at most the first {@code max} of them: what a server
     * sent beyond the reply just read (after a 220 to STARTTLS: plaintext a STARTTLS check records as evidence,
     * and that must never be read as a reply). The reader is left with nothing buffered.
     */
    public Buffered takeBuffered(int max) {
        if (skipLineFeed && position < limit && buffer[position] == '\n') {
            position++; // the LF of the reply's own CRLF
            skipLineFeed = false;
        }
        int total = limit - position;
        byte[] kept = Arrays.copyOfRange(buffer, position, position + Math.min(total, Math.max(0, max)));
        position = limit;
        return new Buffered(kept, total);
    }

    /** Bytes taken from the buffer: the first ones, and how many there were in all. */
    public record Buffered(byte[] first, int total) {
    }

    /**
     * Reads one complete reply; each received line is also handed to {@code lineSink} as it arrives, masked by the
     * redaction, as are the texts of errors. The reply keeps both the true texts (for the protocol logic: a one-letter
     * password must not hide the AUTH keyword from the EHLO parser) and the masked ones (for everything shown).
     */
    public SmtpReply read(Deadline deadline, LineSink lineSink) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> shownTexts = new ArrayList<>();
        int code = -1;
        int replyBytes = 0;
        while (true) {
            byte[] raw = readLine(deadline);
            replyBytes += raw.length + 2;
            if (replyBytes > MAX_REPLY_BYTES) {
                throw new ProtocolViolationException(ErrorKind.REPLY_TOO_LONG,
                        "reply exceeded " + MAX_REPLY_BYTES + " bytes", redaction.redact(raw));
            }
            boolean wellFormed = raw.length >= 3 && isDigit(raw[0]) && isDigit(raw[1]) && isDigit(raw[2])
                    && raw[0] >= '2' && raw[0] <= '5' && (raw.length == 3 || raw[3] == ' ' || raw[3] == '-');
            String line = Printable.decode(raw);
            String shown = shown(raw, line, wellFormed);
            lineSink.line(shown);
            if (!wellFormed) {
                throw new ProtocolViolationException(ErrorKind.MALFORMED_REPLY,
                        "not an SMTP reply line: '" + Printable.shorten(shown, 80) + "'", redaction.redact(raw));
            }
            int lineCode = (raw[0] - '0') * 100 + (raw[1] - '0') * 10 + (raw[2] - '0');
            if (code == -1) {
                code = lineCode;
            } else if (lineCode != code) {
                throw new ProtocolViolationException(ErrorKind.MALFORMED_REPLY,
                        "reply code changed from " + code + " to " + lineCode + " within one multi-line reply", raw);
            }
            texts.add(raw.length > 4 ? line.substring(4) : "");
            shownTexts.add(raw.length > 4 ? shown.substring(4) : "");
            boolean more = raw.length > 3 && raw[3] == '-';
            if (!more) {
                return new SmtpReply(code, texts, shownTexts);
            }
            if (texts.size() >= MAX_REPLY_LINES) {
                throw new ProtocolViolationException(ErrorKind.TOO_MANY_LINES,
                        "reply exceeded " + MAX_REPLY_LINES + " lines", redaction.redact(raw));
            }
        }
    }

    /**
     * The line as it may be shown: masked while still raw, then decoded. The reply code (the first four bytes of a
     * well-formed line) is kept as it is, so that the masked line still reads as a reply of that code.
     */
    private String shown(byte[] raw, String decoded, boolean wellFormed) {
        int keep = wellFormed ? Math.min(raw.length, 4) : 0;
        byte[] text = keep == 0 ? raw : Arrays.copyOfRange(raw, keep, raw.length);
        byte[] masked = redaction.redact(text);
        if (masked == text) {
            return decoded;
        }
        byte[] line = Arrays.copyOf(raw, keep + masked.length);
        System.arraycopy(masked, 0, line, keep, masked.length);
        return Printable.decode(line);
    }

    /** Reads raw bytes (up to {@code max}) for identifying a service that did not speak SMTP. */
    public byte[] readRaw(int max, Deadline deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < max) {
            if (position == limit && !fill(deadline)) {
                break;
            }
            int n = Math.min(limit - position, max - out.size());
            out.write(buffer, position, n);
            position += n;
            if (out.size() > 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    private byte[] readLine(Deadline deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (position == limit && !fill(deadline)) {
                throw new ConnectionClosedException(line.size() == 0
                        ? "connection closed by the server"
                        : "connection closed in the middle of a line", redaction.redact(line.toByteArray()));
            }
            byte b = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return line.toByteArray();
            }
            if (b == '\r') {
                skipLineFeed = true;
                return line.toByteArray();
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new ProtocolViolationException(ErrorKind.LINE_TOO_LONG,
                        "reply line longer than " + MAX_LINE_BYTES + " bytes", redaction.redact(line.toByteArray()));
            }
            line.write(b);
        }
    }

    private boolean fill(Deadline deadline) throws IOException {
        int n = transport.read(buffer, 0, buffer.length, deadline);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Receives each line as soon as it is read, so a transcript keeps lines of a reply that later fails. */
    @FunctionalInterface
    public interface LineSink {
        void line(String line);
    }
}
