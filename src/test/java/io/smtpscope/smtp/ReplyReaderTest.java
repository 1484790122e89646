package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyReaderTest {
    private static Deadline deadline() {
        return Deadline.of("test", 5_000, System.nanoTime() + 10_000_000_000L);
    }

    private static SmtpReply read(Transport t) throws IOException {
        return new ReplyReader(t).read(deadline(), line -> { });
    }

    @Test
    void singleLineReply() throws IOException {
        SmtpReply reply = read(ChunkedTransport.of("220 mail.example.com ESMTP ready\r\n"));
        assertEquals(220, reply.code());
        assertEquals(List.of("mail.example.com ESMTP ready"), reply.lines());
    }

    @Test
    void multiLineReplyIsReadToItsLastLine() throws IOException {
        SmtpReply reply = read(ChunkedTransport.of("250-mail.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 STARTTLS\r\n"));
        assertEquals(250, reply.code());
        assertEquals(List.of("mail.example.com", "PIPELINING", "SIZE 10240000", "STARTTLS"), reply.lines());
    }

    @Test
    void replyFragmentedOneByteAtATimeIsReassembled() throws IOException {
        String wire = "250-mail.example.com\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n";
        ChunkedTransport t = ChunkedTransport.byteByByte(wire);
        List<String> seen = new ArrayList<>();
        SmtpReply reply = new ReplyReader(t).read(deadline(), seen::add);
        assertEquals(List.of("mail.example.com", "AUTH PLAIN LOGIN", "8BITMIME"), reply.lines());
        assertEquals(List.of("250-mail.example.com", "250-AUTH PLAIN LOGIN", "250 8BITMIME"), seen);
        // the final LF is left unread: the reply ends at its CR
        assertEquals(wire.length() - 1, t.reads(), "each byte came in its own read");
    }

    @Test
    void twoRepliesInOnePacketAreReadOneAfterTheOther() throws IOException {
        ReplyReader reader = new ReplyReader(ChunkedTransport.of("250 OK\r\n221 2.0.0 Bye\r\n"));
        assertEquals(250, reader.read(deadline(), l -> { }).code());
        assertTrue(reader.hasBufferedBytes());
        SmtpReply bye = reader.read(deadline(), l -> { });
        assertEquals(221, bye.code());
        assertEquals("2.0.0 Bye", bye.text());
    }

    @Test
    void bareLineFeedAndBareCarriageReturnEndLines() throws IOException {
        ReplyReader reader = new ReplyReader(ChunkedTransport.of("250-a\n250-b\r250 c\r\n", "220 next\r\n"));
        assertEquals(List.of("a", "b", "c"), reader.read(deadline(), l -> { }).lines());
        // the LF after the last CR was not taken for an empty line
        assertEquals(220, reader.read(deadline(), l -> { }).code());
    }

    @Test
    void codeChangeWithinAMultiLineReplyIsAProtocolViolation() {
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                () -> read(ChunkedTransport.of("250-first\r\n251 second\r\n")));
        assertEquals("malformed-reply", e.kind().label());
        assertTrue(e.getMessage().contains("250") && e.getMessage().contains("251"), e.getMessage());
    }

    @Test
    void codeWithoutTextIsAValidReply() throws IOException {
        SmtpReply reply = read(ChunkedTransport.of("250\r\n"));
        assertEquals(250, reply.code());
        assertEquals(List.of(""), reply.lines());
        assertEquals("", reply.text());
    }

    @Test
    void nonSmtpLineIsNamedNotParsed() {
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                () -> read(ChunkedTransport.of("HTTP/1.1 400 Bad Request\r\n")));
        assertEquals("malformed-reply", e.kind().label());
        assertTrue(new String(e.rawStart()).startsWith("HTTP/1.1"));
    }

    @Test
    void codesOutsideTwoToFiveAndBadSeparatorsAreRejected() {
        assertThrows(ProtocolViolationException.class, () -> read(ChunkedTransport.of("199 too low\r\n")));
        assertThrows(ProtocolViolationException.class, () -> read(ChunkedTransport.of("600 too high\r\n")));
        assertThrows(ProtocolViolationException.class, () -> read(ChunkedTransport.of("250_x\r\n")));
        assertThrows(ProtocolViolationException.class, () -> read(ChunkedTransport.of("25\r\n")));
    }

    @Test
    void lineLongerThan512ButWithinTheBoundIsAccepted() throws IOException {
        // RFC 5321 section 4.5.3.1.5 says 512, real servers exceed it: tolerated up to MAX_LINE_BYTES.
        String text = "x".repeat(1000);
        SmtpReply reply = read(ChunkedTransport.of("250 " + text + "\r\n"));
        assertEquals(text, reply.firstLine());
    }

    @Test
    void lineOfExactlyMaxLineBytesIsAcceptedAndOneMoreIsNot() throws IOException {
        String exact = "250 " + "y".repeat(ReplyReader.MAX_LINE_BYTES - 4);
        assertEquals(ReplyReader.MAX_LINE_BYTES, exact.length());
        assertEquals(250, read(ChunkedTransport.of(exact + "\r\n")).code());

        String tooLong = exact + "z";
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                () -> read(ChunkedTransport.of(tooLong + "\r\n")));
        assertEquals("line-too-long", e.kind().label());
    }

    @Test
    void endlessLineWithoutNewlineStopsAtTheBound() {
        byte[] flood = new byte[1 << 20];
        Arrays.fill(flood, (byte) 'A');
        flood[0] = '2';
        flood[1] = '2';
        flood[2] = '0';
        flood[3] = ' ';
        ChunkedTransport t = ChunkedTransport.ofBytes(flood);
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class, () -> read(t));
        assertEquals("line-too-long", e.kind().label());
        assertTrue(t.reads() <= 3, "stopped reading soon after the bound, reads=" + t.reads());
    }

    @Test
    void tooManyLinesIsAProtocolViolation() {
        String wire = "250-x\r\n".repeat(ReplyReader.MAX_REPLY_LINES + 5) + "250 end\r\n";
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class, () -> read(ChunkedTransport.of(wire)));
        assertEquals("too-many-lines", e.kind().label());
    }

    @Test
    void closeInTheMiddleOfAReplyKeepsThePartialLine() {
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class,
                () -> read(ChunkedTransport.of("250-first\r\n250-sec")));
        assertEquals("250-sec", new String(e.partial()));
        assertThrows(ConnectionClosedException.class, () -> read(ChunkedTransport.of()));
    }

    @Test
    void linesOfAFailingReplyStillReachTheSink() {
        List<String> seen = new ArrayList<>();
        assertThrows(ProtocolViolationException.class,
                () -> new ReplyReader(ChunkedTransport.of("250-ok\r\n550 changed\r\n")).read(deadline(), seen::add));
        assertEquals(List.of("250-ok", "550 changed"), seen);
    }

    @Test
    void enhancedCodeIsReadFromTheFirstLine() throws IOException {
        SmtpReply reply = read(ChunkedTransport.of("550-5.7.1 Relaying denied\r\n550 5.7.1 see policy\r\n"));
        assertEquals("5.7.1", reply.enhancedCode().orElseThrow());
    }

    @Test
    void switchTransportDiscardsBytesInjectedAfterTheStartTlsReply() throws IOException {
        ReplyReader reader = new ReplyReader(ChunkedTransport.of("220 2.0.0 Ready\r\n250-injected\r\n"));
        assertEquals(220, reader.read(deadline(), l -> { }).code());
        int discarded = reader.switchTransport(ChunkedTransport.of("250 fresh\r\n"));
        assertEquals("250-injected\r\n".length(), discarded);
        assertEquals(List.of("fresh"), reader.read(deadline(), l -> { }).lines());
    }

    @Test
    void takeBufferedKeepsTheFirstBytesCountsAllAndLeavesNothing() throws IOException {
        ReplyReader reader = new ReplyReader(ChunkedTransport.of("220 2.0.0 Ready\r\n250 one\r\n250 two\r\n"));
        assertEquals(220, reader.read(deadline(), l -> { }).code());
        ReplyReader.Buffered taken = reader.takeBuffered(5);
        assertEquals("250 o", new String(taken.first(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("250 one\r\n250 two\r\n".length(), taken.total());
        assertFalse(reader.hasBufferedBytes(), "nothing of it can be read as a reply any more");
        assertEquals(0, reader.takeBuffered(5).total());
    }

    @Test
    void takeBufferedDoesNotCountTheLineFeedOfTheReplysOwnCrLf() throws IOException {
        // The reader ends a line at CR and skips the LF after it lazily: that LF is still buffered here.
        ReplyReader reader = new ReplyReader(ChunkedTransport.of("220 Ready\r\n"));
        assertEquals(220, reader.read(deadline(), l -> { }).code());
        assertEquals(0, reader.takeBuffered(16).total());
    }
}
