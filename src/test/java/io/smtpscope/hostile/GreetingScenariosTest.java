package io.smtpscope.hostile;

import io.smtpscope.demo.Conversation;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static io.smtpscope.hostile.HostileBatch.hasFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and broken greetings: silence, drips, floods, garbage, refusals and other services. */
@DisplayName("hostile servers: the greeting")
class GreetingScenariosTest {
    private static HostileBatch batch;

    @BeforeAll
    static void scanAll() throws Exception {
        batch = new HostileBatch()
                .add("tarpit", "starttls", s -> new Conversation(s).silentUntilClosed())
                .add("drip", "starttls", s -> {
                    new Conversation(s).drip("220 drip.test ESMTP one byte a second\r\n".getBytes(StandardCharsets.US_ASCII),
                            Duration.ofSeconds(1)).silentUntilClosed();
                })
                .add("ten-megabyte-banner", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.send("220 ");
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'A');
                    for (int sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
                        c.send(chunk); // blocks once the client stops reading; ends when it closes
                    }
                    c.silentUntilClosed();
                })
                .add("nul-and-non-utf8", "plain", s -> {
                    Conversation c = new Conversation(s);
                    c.send(bytes("220 mail\u0000.test\t\u001b[31mred \u00ff\u00fe\u0085 ESMTP\r\n"));
                    String line;
                    while ((line = c.readLine()) != null) {
                        if (line.startsWith("EHLO")) {
                            c.send(bytes("250-hostile\u0000.test\r\n250-X-\u00c3\u0028BAD\u0007\r\n250 SIZE 1000\r\n"));
                        } else if (line.startsWith("QUIT")) {
                            c.send("221 bye\r\n");
                            return;
                        }
                    }
                })
                .add("bidi-banner", "plain", s -> {
                    Conversation c = new Conversation(s);
                    // Valid UTF-8 with a right-to-left override: a terminal would show "example.com".
                    c.send("220 \u202emoc.elpmaxe\u200b ESMTP\r\n".getBytes(StandardCharsets.UTF_8));
                    if (c.readLine() != null) {
                        c.send("250 ok\r\n");
                    }
                    if (c.readLine() != null) {
                        c.send("221 bye\r\n");
                    }
                })
                .add("code-2x0", "starttls", s -> new Conversation(s).send("2x0 hostile.test ESMTP\r\n").silentUntilClosed())
                .add("code-99", "starttls", s -> new Conversation(s).send("99 hostile.test ESMTP\r\n").silentUntilClosed())
                .add("empty-line", "starttls", s -> new Conversation(s).send("\r\n").silentUntilClosed())
                .add("greeting-554", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.send("554 5.7.1 hostile.test: you are not welcome\r\n");
                    if (c.readLine() != null) {
                        c.send("221 bye\r\n");
                    }
                })
                .add("greeting-421", "starttls", s -> new Conversation(s).send("421 4.7.0 hostile.test too many connections, try later\r\n"))
                .add("http", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.readLine(); // an HTTP server waits for a request, then answers a stray line with 400
                    c.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                })
                .add("ssh", "starttls", s -> new Conversation(s).send("SSH-2.0-OpenSSH_9.6p1 Debian-3\r\n").silentUntilClosed())
                .add("imap", "starttls", s -> new Conversation(s)
                        .send("* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n").silentUntilClosed())
                .add("tls-on-starttls-port", "starttls", HostileBatch::implicitTlsServer)
                .add("accept-never-read", "starttls", s -> new Conversation(s).neverReadNeverWrite())
                .add("reset-after-connect", "starttls", s -> new Conversation(s).reset())
                .add("reset-mid-banner", "starttls", s -> {
                    Conversation c = new Conversation(s);
                    c.send("220-hostile.test ESMTP first line of a multi-line greet");
                    Thread.sleep(200);
                    c.reset();
                })
                .run();
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("a tarpit that never greets ends with banner-timeout and the BANNER_TIMEOUT finding")
    void tarpitNeverGreets() {
        EndpointResult r = batch.assertError("tarpit", "banner", ErrorKind.BANNER_TIMEOUT);
        assertTrue(hasFinding(r, "BANNER_TIMEOUT"), r.findings()::toString);
        assertTrue(r.timingsMs().banner() <= HostileBatch.BANNER.plus(HostileBatch.MARGIN).toMillis());
    }

    @Test
    @DisplayName("a banner dripped one byte a second ends at the banner deadline, it does not stretch it")
    void drippedBannerEndsAtBannerDeadline() {
        EndpointResult r = batch.assertError("drip", "banner", ErrorKind.BANNER_TIMEOUT);
        long banner = r.timingsMs().banner();
        assertTrue(banner >= HostileBatch.BANNER.toMillis() - 100 && banner <= HostileBatch.BANNER.toMillis() + 1_500,
                () -> "banner phase took " + banner + " ms; the banner timeout is " + HostileBatch.BANNER.toMillis());
    }

    @Test
    @DisplayName("a 10 MB banner line without a newline fails with line-too-long, never buffered")
    void tenMegabyteBannerLine() {
        EndpointResult r = batch.assertError("ten-megabyte-banner", "banner", ErrorKind.LINE_TOO_LONG);
        // The reader gives up at its line bound, long before the banner timeout could pass.
        assertTrue(r.timingsMs().banner() < HostileBatch.BANNER.toMillis(), () -> "took " + r.timingsMs().banner() + " ms");
        assertTrue(batch.outcome("ten-megabyte-banner").json().length() < 64 * 1024);
    }

    @Test
    @DisplayName("NUL, ESC and non-UTF-8 bytes are escaped as \\xNN and the scan goes on")
    void nulAndNonUtf8Bytes() {
        EndpointResult r = batch.assertContained("nul-and-non-utf8");
        assertNull(r.error(), () -> String.valueOf(r.error()));
        assertEquals(220, r.smtp().banner().code());
        String text = r.smtp().banner().text();
        assertTrue(text.contains("\\x00") && text.contains("\\x1b") && text.contains("\\xff"), text);
        assertTrue(r.smtp().ehlo().extensions().contains("SIZE 1000"), r.smtp().ehlo().extensions()::toString);
        assertTrue(r.transcript().stream().anyMatch(l -> l.contains("mail\\x00.test")), r.transcript()::toString);
    }

    @Test
    @DisplayName("a bidi override and a zero-width space in a UTF-8 banner are shown as \\uNNNN")
    void bidiOverrideInBanner() {
        EndpointResult r = batch.assertContained("bidi-banner");
        assertNull(r.error(), () -> String.valueOf(r.error()));
        assertEquals("\\u202emoc.elpmaxe\\u200b ESMTP", r.smtp().banner().text());
    }

    @Test
    @DisplayName("reply code 2x0 in the greeting is not-smtp, naming the malformed line")
    void invalidCode2x0() {
        EndpointResult r = batch.assertError("code-2x0", "banner", ErrorKind.NOT_SMTP);
        assertTrue(r.error().message().contains("2x0"), r.error()::message);
        assertTrue(hasFinding(r, "NOT_SMTP"));
    }

    @Test
    @DisplayName("a two-digit reply code 99 is not-smtp")
    void invalidCode99() {
        EndpointResult r = batch.assertError("code-99", "banner", ErrorKind.NOT_SMTP);
        assertTrue(r.error().message().contains("99"), r.error()::message);
    }

    @Test
    @DisplayName("an empty greeting line is not-smtp")
    void emptyGreetingLine() {
        batch.assertError("empty-line", "banner", ErrorKind.NOT_SMTP);
    }

    @Test
    @DisplayName("a 554 greeting is rejected with the SERVICE_REJECTED finding")
    void greeting554() {
        EndpointResult r = batch.assertError("greeting-554", "banner", ErrorKind.REJECTED);
        assertTrue(hasFinding(r, "SERVICE_REJECTED"), r.findings()::toString);
        assertEquals(554, r.smtp().banner().code());
    }

    @Test
    @DisplayName("a 421 greeting is rate-limited, not a broken server")
    void greeting421() {
        EndpointResult r = batch.assertError("greeting-421", "banner", ErrorKind.RATE_LIMITED);
        assertTrue(hasFinding(r, "SERVICE_RATE_LIMITED"), r.findings()::toString);
    }

    @Test
    @DisplayName("an HTTP server on the SMTP port is not-smtp naming HTTP")
    void httpServer() {
        EndpointResult r = batch.assertError("http", "banner", ErrorKind.NOT_SMTP);
        assertTrue(r.error().message().contains("HTTP"), r.error()::message);
        assertEquals("http", r.smtp().banner().service());
    }

    @Test
    @DisplayName("an SSH server on the SMTP port is not-smtp naming SSH")
    void sshServer() {
        EndpointResult r = batch.assertError("ssh", "banner", ErrorKind.NOT_SMTP);
        assertTrue(r.error().message().contains("SSH"), r.error()::message);
        assertEquals("ssh", r.smtp().banner().service());
    }

    @Test
    @DisplayName("an IMAP server on the SMTP port is not-smtp naming IMAP")
    void imapServer() {
        EndpointResult r = batch.assertError("imap", "banner", ErrorKind.NOT_SMTP);
        assertTrue(r.error().message().contains("IMAP"), r.error()::message);
    }

    @Test
    @DisplayName("a TLS server on a STARTTLS port: silent, then identified as TLS after the banner timeout")
    void tlsServerOnStartTlsPort() {
        EndpointResult r = batch.assertError("tls-on-starttls-port", "banner", ErrorKind.NOT_SMTP);
        assertEquals("tls", r.smtp().banner().service(), r.error()::message);
        assertTrue(r.error().message().contains("TLS"), r.error()::message);
    }

    @Test
    @DisplayName("a server that accepts and then never reads nor writes ends with banner-timeout")
    void acceptThenNeverRead() {
        batch.assertError("accept-never-read", "banner", ErrorKind.BANNER_TIMEOUT);
    }

    @Test
    @DisplayName("a TCP reset right after connect is connection-reset in the banner phase")
    void resetAfterConnect() {
        batch.assertError("reset-after-connect", "banner", ErrorKind.CONNECTION_RESET);
    }

    @Test
    @DisplayName("a TCP reset in the middle of the greeting is connection-reset in the banner phase")
    void resetMidBanner() {
        batch.assertError("reset-mid-banner", "banner", ErrorKind.CONNECTION_RESET);
    }

    @Test
    @DisplayName("the well-behaved server scanned in the same run is unaffected")
    void wellBehavedUnaffected() {
        batch.assertWellBehavedUnaffected();
    }
}
