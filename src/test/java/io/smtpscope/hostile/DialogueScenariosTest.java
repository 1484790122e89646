package io.smtpscope.hostile;

import io.smtpscope.demo.Conversation;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.smtp.ReplyReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.smtpscope.hostile.HostileBatch.hasFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and broken servers after the greeting: EHLO replies, line endings, resets and stripping middleboxes. */
@DisplayName("hostile servers: the SMTP dialogue")
class DialogueScenariosTest {
    private static HostileBatch batch;

    @BeforeAll
    static void scanAll() throws Exception {
        StrippingProxy masking = new StrippingProxy(StrippingProxy.Style.MASK_KEYWORD);
        StrippingProxy refusing = new StrippingProxy(StrippingProxy.Style.REFUSE_COMMAND);
        batch = new HostileBatch()
                .add("endless-multiline", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.send("220 hostile.test ESMTP\r\n");
                    c.readLine();
                    for (int i = 0; i < 1_000_000; i++) { // ends when the client hangs up
                        c.send("250-EXTENSION-" + i + "\r\n");
                    }
                })
                .add("fat-ehlo-reply", "starttls", s -> {
                    // Within the line bound (4096) and the line-count bound (256), but 1 MB of invalid UTF-8 in total.
                    Conversation c = new Conversation(s);
                    c.send("220 hostile.test ESMTP\r\n");
                    c.readLine();
                    byte[] line = new byte[4000];
                    java.util.Arrays.fill(line, (byte) 0xff);
                    for (int i = 0; i < 255; i++) {
                        c.send("250-".getBytes()).send(line).send("\r\n".getBytes());
                    }
                    c.send("250 STARTTLS\r\n");
                    c.silentUntilClosed();
                })
                .add("bare-lf", "plain", s -> lineEndings(s, "\n"))
                .add("bare-cr", "plain", s -> lineEndings(s, "\r"))
                .add("ehlo-code-2x0", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.send("220 hostile.test ESMTP\r\n");
                    c.readLine();
                    c.send("250-hostile.test\r\n2x0 STARTTLS\r\n");
                    c.silentUntilClosed();
                })
                .add("reset-mid-ehlo", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.send("220 hostile.test ESMTP\r\n");
                    c.readLine();
                    c.send("250-hostile.test\r\n250-PIPELINING\r\n");
                    Thread.sleep(200);
                    c.reset();
                })
                .add("ehlo-dripped", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.send("220 hostile.test ESMTP\r\n");
                    c.readLine();
                    c.drip("250-hostile.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n".getBytes(), Duration.ofMillis(500));
                })
                .add("stripping-proxy-mask", "starttls", masking.port(), masking)
                .add("stripping-proxy-refuse", "starttls", refusing.port(), refusing)
                .run();
    }

    /** A correct SMTP server, except that every line ends with {@code eol} instead of CRLF. */
    private static void lineEndings(java.net.Socket s, String eol) throws Exception {
        Conversation c = new Conversation(s);
        c.send("220-hostile.test ESMTP" + eol + "220 odd line endings" + eol);
        String line;
        while ((line = c.readLine()) != null) {
            if (line.startsWith("EHLO")) {
                c.send("250-hostile.test" + eol + "250-SIZE 1000" + eol + "250-8BITMIME" + eol + "250 AUTH PLAIN" + eol);
            } else if (line.startsWith("QUIT")) {
                c.send("221 bye" + eol);
                return;
            } else {
                c.send("250 ok" + eol);
            }
        }
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    @Test
    @DisplayName("an endless 250- reply to EHLO ends with too-many-lines")
    void endlessMultiLineReply() {
        EndpointResult r = batch.assertError("endless-multiline", "ehlo", ErrorKind.TOO_MANY_LINES);
        assertTrue(r.error().message().contains(String.valueOf(ReplyReader.MAX_REPLY_LINES)), r.error()::message);
    }

    @Test
    @DisplayName("regression: a 1 MB EHLO reply within the line bounds ends with reply-too-long, its JSON bounded")
    void fatEhloReply() {
        EndpointResult r = batch.assertError("fat-ehlo-reply", "ehlo", ErrorKind.REPLY_TOO_LONG);
        assertTrue(r.error().message().contains(String.valueOf(ReplyReader.MAX_REPLY_BYTES)), r.error()::message);
    }

    @Test
    @DisplayName("bare LF line endings parse correctly and the scan succeeds")
    void bareLineFeeds() {
        assertParsedDespiteLineEndings(batch.assertContained("bare-lf"));
    }

    @Test
    @DisplayName("bare CR line endings parse correctly and the scan succeeds")
    void bareCarriageReturns() {
        assertParsedDespiteLineEndings(batch.assertContained("bare-cr"));
    }

    private static void assertParsedDespiteLineEndings(EndpointResult r) {
        assertNull(r.error(), () -> r.error() + " " + r.transcript());
        assertEquals(220, r.smtp().banner().code());
        assertEquals("hostile.test ESMTP\nodd line endings", r.smtp().banner().text());
        assertEquals(List.of("SIZE 1000", "8BITMIME", "AUTH PLAIN"), r.smtp().ehlo().extensions());
        assertEquals(List.of("PLAIN"), r.smtp().auth().beforeTls());
        assertTrue(r.smtp().replies().stream().anyMatch(reply -> reply.code() == 221), "QUIT was answered and read");
    }

    @Test
    @DisplayName("an invalid reply code inside the EHLO reply is malformed-reply")
    void invalidCodeInEhloReply() {
        EndpointResult r = batch.assertError("ehlo-code-2x0", "ehlo", ErrorKind.MALFORMED_REPLY);
        assertTrue(r.error().message().contains("2x0"), r.error()::message);
    }

    @Test
    @DisplayName("a TCP reset in the middle of the EHLO reply is connection-reset in the ehlo phase")
    void resetMidEhlo() {
        batch.assertError("reset-mid-ehlo", "ehlo", ErrorKind.CONNECTION_RESET);
    }

    @Test
    @DisplayName("an EHLO reply dripped byte by byte ends at the command deadline (io-timeout), not stretched")
    void drippedEhloReply() {
        EndpointResult r = batch.assertError("ehlo-dripped", "ehlo", ErrorKind.IO_TIMEOUT);
        long ehlo = batch.outcome("ehlo-dripped").arrivedMillis();
        assertTrue(ehlo <= HostileBatch.COMMAND.toMillis() + 1_500 + 1_000, () -> "ended after " + ehlo + " ms");
    }

    @Test
    @DisplayName("a proxy masking STARTTLS as XXXXXXXA is STARTTLS_STRIPPED")
    void strippingProxyMasksKeyword() {
        EndpointResult r = batch.assertContained("stripping-proxy-mask");
        assertTrue(r.smtp().starttls().stripped(), r.smtp().starttls()::toString);
        assertEquals("XXXXXXXA", r.smtp().starttls().maskedKeyword());
        assertTrue(hasFinding(r, "STARTTLS_STRIPPED"), r.findings()::toString);
    }

    @Test
    @DisplayName("a proxy answering 5xx to an advertised STARTTLS is STARTTLS_STRIPPED")
    void strippingProxyRefusesCommand() {
        EndpointResult r = batch.assertContained("stripping-proxy-refuse");
        assertTrue(r.smtp().starttls().offered());
        assertEquals(554, r.smtp().starttls().code());
        assertTrue(r.smtp().starttls().stripped(), r.smtp().starttls()::toString);
        assertTrue(hasFinding(r, "STARTTLS_STRIPPED"), r.findings()::toString);
    }

    @Test
    @DisplayName("the well-behaved server scanned in the same run is unaffected")
    void wellBehavedUnaffected() {
        batch.assertWellBehavedUnaffected();
    }
}
