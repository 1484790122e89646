package io.smtpscope.smtp;

import io.smtpscope.text.Printable;

import io.smtpscope.result.ReplySeen;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMTP client conversation over a {@link Transport}: commands out, complete replies in, every line
 * kept in a bounded {@link Transcript} and every reply kept, explained, for the report.
 * The transport can be swapped for TLS after STARTTLS.
 */
public final class SmtpSession implements Closeable {
    /** Commands are ours and short; bound them anyway so a bad argument cannot build a huge line. */
    private static final int MAX_COMMAND_CHARS = 998;

    private Transport transport;
    private final ReplyReader reader;
    private final Transcript transcript;
    private final List<ReplySeen> replies = new ArrayList<>();

    public SmtpSession(Transport transport, Transcript transcript) {
        this.transport = transport;
        this.reader = new ReplyReader(transport);
        this.transcript = transcript;
    }

    public Transcript transcript() {
        return transcript;
    }

    public Transport transport() {
        return transport;
    }

    public List<ReplySeen> replies() {
        return List.copyOf(replies);
    }

    /** Waits for the full greeting. Nothing is sent before it: RFC 5321 section 3.1, and postscreen's pregreet test. */
    public SmtpReply greeting(Deadline deadline) throws IOException {
        return readReply("(greeting)", deadline);
    }

    public SmtpReply command(String command, Deadline deadline) throws IOException {
        send(command, command, deadline);
        return readReply(verb(command), deadline);
    }

    /** Sends a command whose argument is secret: the transcript shows only {@code visible}. */
    public SmtpReply secretCommand(String command, String visible, Deadline deadline) throws IOException {
        send(command, null, deadline);
        transcript.clientRedacted(visible);
        return readReply(visible, deadline);
    }

    private void send(String command, String shown, Deadline deadline) throws IOException {
        if (command.length() > MAX_COMMAND_CHARS || command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("refusing to send an over-long or multi-line command");
        }
        if (shown != null) {
            transcript.client(shown);
        }
        transport.write((command + "\r\n").getBytes(StandardCharsets.UTF_8), deadline);
    }

    public SmtpReply readReply(String forCommand, Deadline deadline) throws IOException {
        SmtpReply reply = reader.read(deadline, transcript::server);
        replies.add(new ReplySeen(forCommand, reply.code(), reply.enhancedCode().orElse(null),
                Printable.shorten(reply.text(), 1024), ReplyCodes.get().explain(reply)));
        return reply;
    }

    /** Sends raw bytes and reads whatever comes back, to identify a service that is not SMTP. */
    public byte[] probeRaw(byte[] probe, int max, Deadline deadline) throws IOException {
        transport.write(probe, deadline);
        return reader.readRaw(max, deadline);
    }

    public byte[] readRaw(int max, Deadline deadline) throws IOException {
        return reader.readRaw(max, deadline);
    }

    /**
     * Continues the conversation over {@code next} (the TLS transport). Plaintext bytes the server
     * sent after its 220 to STARTTLS are discarded and noted (RFC 3207 section 4.2).
     */
    public void switchTransport(Transport next) {
        int discarded = reader.switchTransport(next);
        if (discarded > 0) {
            transcript.note("discarded " + discarded + " plaintext bytes the server sent after its STARTTLS reply");
        }
        this.transport = next;
    }

    public boolean hasBufferedBytes() {
        return reader.hasBufferedBytes();
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    @Override
    public void close() {
        transport.close();
    }
}
