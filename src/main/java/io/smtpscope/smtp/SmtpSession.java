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
    private static final int MAX_SASL_LINE_CHARS = 12_288;

    private Transport transport;
    private final ReplyReader reader;
    private final Transcript transcript;
    private final List<ReplySeen> replies = new ArrayList<>();

    public SmtpSession(Transport transport, Transcript transcript) {
        this.transport = transport;
        this.reader = new ReplyReader(transport, transcript.redaction());
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

    /**
     * Sends a SASL response line (RFC 4954 section 4: up to 12,288 octets, longer than a command line) whose
     * content may be secret: the transcript shows {@code shown}.
     */
    public SmtpReply saslResponse(String line, String shown, String forReply, Deadline deadline) throws IOException {
        checkLine(line, MAX_SASL_LINE_CHARS);
        transcript.client(shown);
        write(line, deadline);
        return readReply(forReply, deadline);
    }

    /**
     * Sends the message body of a DATA transaction: the one write that spans lines, already dot-stuffed and ending
     * with CRLF.CRLF (RFC 5321 section 4.5.2) by its builder.
     */
    public void sendMessageData(byte[] wire, Deadline deadline) throws IOException {
        transport.write(wire, deadline);
    }

    /**
     * Sends several command lines in ONE write, as RFC 2920 pipelining (and a STARTTLS command-injection test)
     * does: each line is checked and transcribed like any command. Their replies are read one by one afterwards.
     */
    public void pipeline(List<String> commands, Deadline deadline) throws IOException {
        StringBuilder wire = new StringBuilder();
        for (String command : commands) {
            checkLine(command, MAX_COMMAND_CHARS);
            wire.append(command).append("\r\n");
        }
        transcript.note("pipelined in one write: " + String.join(" + ", commands));
        commands.forEach(transcript::client);
        transport.write(wire.toString().getBytes(StandardCharsets.UTF_8), deadline);
    }

    /** Takes what the server sent beyond the last reply read (see {@link ReplyReader#takeBuffered}). */
    public ReplyReader.Buffered takeBuffered(int max) {
        return reader.takeBuffered(max);
    }

    private void send(String command, String shown, Deadline deadline) throws IOException {
        checkLine(command, MAX_COMMAND_CHARS);
        if (shown != null) {
            transcript.client(shown);
        }
        write(command, deadline);
    }

    /** Every line we send is checked here: one line, bounded, so no argument can smuggle a second command. */
    private static void checkLine(String line, int maxChars) {
        if (line.length() > maxChars || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("refusing to send an over-long or multi-line command");
        }
    }

    private void write(String line, Deadline deadline) throws IOException {
        transport.write((line + "\r\n").getBytes(StandardCharsets.UTF_8), deadline);
    }

    public SmtpReply readReply(String forCommand, Deadline deadline) throws IOException {
        SmtpReply reply = reader.read(deadline, transcript::server);
        replies.add(new ReplySeen(forCommand, reply.code(), reply.enhancedCode().orElse(null),
                Printable.shorten(reply.shownText(), 1024), ReplyCodes.get().explain(reply, forCommand)));
        return reply;
    }

    /** Sends one line and reads whatever comes back, unparsed, to identify a service that is not SMTP. */
    public byte[] probeRaw(String line, int max, Deadline deadline) throws IOException {
        send(line, line, deadline);
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
