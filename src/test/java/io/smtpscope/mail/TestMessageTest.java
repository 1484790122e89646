package io.smtpscope.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestMessageTest {
    private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    @Test
    void headersAndCrlfOnly() {
        TestMessage.Built built = TestMessage.build("a@example.com", List.of("b@example.net", "c@example.net"),
                "smtpscope test message", "hello\nworld", List.of(), WHEN);
        String text = new String(built.bytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Date: Fri, 2 Jan 2026 03:04:05 +0000\r\n"), text);
        assertTrue(text.contains("\r\nMessage-ID: " + built.messageId() + "\r\n"));
        assertTrue(built.messageId().matches("<smtpscope\\.[0-9a-f]{24}@example\\.com>"), built.messageId());
        assertTrue(text.contains("\r\nTo: <b@example.net>,\r\n <c@example.net>\r\n"));
        assertTrue(text.contains("\r\nSubject: smtpscope test message\r\n"));
        assertTrue(text.contains("\r\nMIME-Version: 1.0\r\n"));
        assertTrue(text.endsWith("\r\n\r\nhello\r\nworld\r\n"), text);
        assertFalse(text.replace("\r\n", "").contains("\n"), "bare LF in message");
        assertFalse(text.replace("\r\n", "").contains("\r"), "bare CR in message");
    }

    @Test
    void attachmentsAreBase64PartsWithShortLines() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        TestMessage.Built built = TestMessage.build("a@example.com", List.of("b@example.net"), "s", "body",
                List.of(new Attachment("data.bin", "application/octet-stream", data)), WHEN);
        String text = new String(built.bytes(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("Content-Type: multipart/mixed; boundary=\"=_smtpscope_"));
        assertTrue(text.contains("Content-Disposition: attachment;\r\n filename=\"data.bin\"\r\n"));
        assertTrue(text.lines().allMatch(l -> l.length() <= 78), "a line longer than 78 characters");
    }

    @Test
    void nonAsciiNamesUseRfc2231AndSubjectsRfc2047() {
        assertEquals("filename*=UTF-8''Gr%C3%BC%C3%9Fe%20r%C3%A9sum%C3%A9.pdf", TestMessage.parameter("filename", "Grüße résumé.pdf"));
        assertEquals("filename=\"report.pdf\"", TestMessage.parameter("filename", "report.pdf"));
        assertEquals("=?UTF-8?B?R3LDvMOfZQ==?=", TestMessage.encodeWord("Grüße"));
    }

    @Test
    void attachmentTypeComesFromTheName() {
        assertEquals("application/pdf", Attachment.typeOf(java.nio.file.Path.of("x.PDF"), "x.PDF"));
    }
}
