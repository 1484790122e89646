package io.smtpscope.smtp;

import io.smtpscope.result.ReplySeen;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client side of one SMTP conversation over an in-memory transport: what is sent, read, recorded. */
class SmtpSessionTest {
    private static Deadline deadline() {
        return Deadline.of("test", 5_000, System.nanoTime() + 10_000_000_000L);
    }

    private static String written(ChunkedTransport transport) {
        return new String(transport.written(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theGreetingIsReadWholeBeforeAnythingIsSent() throws IOException {
        ChunkedTransport server = ChunkedTransport.of("220-mail.example.com ESMTP\r\n", "220 no UCE\r\n");
        SmtpSession session = new SmtpSession(server, new Transcript());
        SmtpReply greeting = session.greeting(deadline());
        assertEquals(220, greeting.code());
        assertEquals(List.of("mail.example.com ESMTP", "no UCE"), greeting.lines());
        assertEquals("", written(server), "RFC 5321 section 3.1: the client waits for the greeting");
        assertEquals(List.of("S: 220-mail.example.com ESMTP", "S: 220 no UCE"), session.transcript().lines());
        ReplySeen seen = session.replies().getFirst();
        assertEquals("(greeting)", seen.command());
        assertEquals(220, seen.code());
        assertEquals("mail.example.com ESMTP\nno UCE", seen.text());
    }

    @Test
    void aCommandIsSentWithCrLfAndItsReplyRecordedUnderItsVerb() throws IOException {
        ChunkedTransport server = ChunkedTransport.of("220 ready\r\n", "250-mail.example.com\r\n250 PIPELINING\r\n",
                "550 5.1.1 <nobody@example.com>: Recipient address rejected\r\n");
        SmtpSession session = new SmtpSession(server, new Transcript());
        session.greeting(deadline());
        SmtpReply ehlo = session.command("EHLO client.example.org", deadline());
        assertEquals(List.of("mail.example.com", "PIPELINING"), ehlo.lines());
        SmtpReply rcpt = session.command("RCPT TO:<nobody@example.com>", deadline());
        assertEquals(550, rcpt.code());
        assertEquals("EHLO client.example.org\r\nRCPT TO:<nobody@example.com>\r\n", written(server));
        assertEquals(List.of("S: 220 ready", "C: EHLO client.example.org", "S: 250-mail.example.com", "S: 250 PIPELINING",
                "C: RCPT TO:<nobody@example.com>", "S: 550 5.1.1 <nobody@example.com>: Recipient address rejected"),
                session.transcript().lines());
        List<ReplySeen> replies = session.replies();
        assertEquals(List.of("(greeting)", "EHLO", "RCPT"), replies.stream().map(ReplySeen::command).toList());
        ReplySeen rejected = replies.getLast();
        assertEquals("5.1.1", rejected.enhancedCode());
        assertNull(replies.get(1).enhancedCode());
        assertFalse(rejected.meaning().isBlank(), "every reply is explained");
        assertThrows(UnsupportedOperationException.class, () -> replies.add(rejected), "a copy, not the session's list");
    }

    @Test
    void aCommandWithCrOrLfOrOverTheLineLimitIsRefusedAndNothingIsSent() throws IOException {
        ChunkedTransport server = ChunkedTransport.of("220 ready\r\n", "250 ok\r\n");
        SmtpSession session = new SmtpSession(server, new Transcript());
        session.greeting(deadline());
        for (String injected : List.of("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>", "NOOP\nDATA", "NOOP\rDATA", "NOOP " + "x".repeat(994))) {
            assertThrows(IllegalArgumentException.class, () -> session.command(injected, deadline()), injected);
        }
        assertEquals("", written(server));
        assertEquals(List.of("S: 220 ready"), session.transcript().lines(), "nothing refused reaches the transcript");
        assertEquals(250, session.command("NOOP " + "x".repeat(993), deadline()).code(), "998 characters is the limit (RFC 5321 4.5.3.1.6)");
    }

    @Test
    void aPipelineIsOneWriteOfCheckedLinesAndRefusesALineThatHidesAnother() throws IOException {
        ChunkedTransport server = ChunkedTransport.of("220 ready\r\n", "220 go\r\n");
        SmtpSession session = new SmtpSession(server, new Transcript());
        session.greeting(deadline());
        assertThrows(IllegalArgumentException.class, () -> session.pipeline(List.of("STARTTLS", "NOOP\r\nDATA"), deadline()));
        assertEquals("", written(server), "a refused pipeline sends nothing");
        session.pipeline(List.of("STARTTLS", "NOOP"), deadline());
        assertEquals("STARTTLS\r\nNOOP\r\n", written(server));
        assertTrue(session.transcript().lines().containsAll(List.of("C: STARTTLS", "C: NOOP")), session.transcript().lines()::toString);
    }

    @Test
    void aSecretCommandShowsOnlyItsVisiblePart() throws IOException {
        ChunkedTransport server = ChunkedTransport.of("235 2.7.0 Authentication successful\r\n");
        SmtpSession session = new SmtpSession(server, new Transcript());
        session.secretCommand("AUTH PLAIN AGFsaWNlAHMzY3IzdA==", "AUTH PLAIN", deadline());
        assertEquals("AUTH PLAIN AGFsaWNlAHMzY3IzdA==\r\n", written(server));
        assertEquals(List.of("C: AUTH PLAIN ***", "S: 235 2.7.0 Authentication successful"), session.transcript().lines());
        assertEquals("AUTH PLAIN", session.replies().getFirst().command());
    }

    @Test
    void switchingTransportDiscardsPlaintextInjectedAfterTheStartTlsReplyAndNotesIt() throws IOException {
        String injected = "250-injected.example\r\n250 AUTH INJECTED\r\n";
        ChunkedTransport plain = ChunkedTransport.of("220 2.0.0 Ready to start TLS\r\n" + injected);
        ChunkedTransport tls = ChunkedTransport.of("250-mail.example.com\r\n250 AUTH PLAIN\r\n");
        SmtpSession session = new SmtpSession(plain, new Transcript());
        assertEquals(220, session.command("STARTTLS", deadline()).code());
        assertTrue(session.hasBufferedBytes(), "the injected lines arrived with the 220");
        session.switchTransport(tls);
        assertSame(tls, session.transport());
        assertFalse(session.hasBufferedBytes());
        SmtpReply ehlo = session.command("EHLO client.example.org", deadline());
        assertEquals(List.of("mail.example.com", "AUTH PLAIN"), ehlo.lines(), "RFC 3207 section 4.2: only what came over TLS");
        assertEquals("STARTTLS\r\n", written(plain));
        assertEquals("EHLO client.example.org\r\n", written(tls));
        assertTrue(session.transcript().lines().contains("* discarded " + injected.length() + " plaintext bytes the server sent after its STARTTLS reply"),
                session.transcript().lines()::toString);
    }

    @Test
    void switchingWithNothingBufferedAddsNoNote() throws IOException {
        SmtpSession session = new SmtpSession(ChunkedTransport.of("220 2.0.0 Ready\r\n"), new Transcript());
        session.command("STARTTLS", deadline());
        session.switchTransport(ChunkedTransport.of());
        assertEquals(List.of("C: STARTTLS", "S: 220 2.0.0 Ready"), session.transcript().lines());
    }

    @Test
    void aLongReplyIsKeptShortInTheRepliesButWholeInTheReply() throws IOException {
        String text = "y".repeat(3000);
        SmtpSession session = new SmtpSession(ChunkedTransport.of("250 " + text + "\r\n"), new Transcript());
        assertEquals(text, session.command("NOOP", deadline()).text());
        assertTrue(session.replies().getFirst().text().length() <= 1024 + 64, "ReplySeen text is shortened");
    }

    @Test
    void probeRawSendsTheProbeAndReturnsTheAnswerAndCloseClosesTheTransport() throws IOException {
        ChunkedTransport server = ChunkedTransport.of("HTTP/1.1 400 Bad Request\r\n");
        boolean[] closed = {false};
        Transport recording = new Transport() {
            @Override
            public int read(byte[] buffer, int offset, int len, Deadline deadline) throws IOException {
                return server.read(buffer, offset, len, deadline);
            }

            @Override
            public void write(byte[] data, Deadline deadline) {
                server.write(data, deadline);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        SmtpSession session = new SmtpSession(recording, new Transcript());
        assertThrows(IllegalArgumentException.class, () -> session.probeRaw("GET / HTTP/1.0\r\n", 64, deadline()),
                "the probe line passes the same one-line guard as every command");
        byte[] answer = session.probeRaw("EHLO smtpscope.invalid", 64, deadline());
        assertArrayEquals("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII), answer);
        assertEquals("EHLO smtpscope.invalid\r\n", written(server));
        session.close();
        assertTrue(closed[0]);
    }
}
