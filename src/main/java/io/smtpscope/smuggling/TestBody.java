package io.smtpscope.smuggling;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The smuggling check's message: headers and a short body that say what it is, then the non-standard end-of-data
 * sequence and a smuggled {@code MAIL FROM} line — and never the real terminator. Every line ends with CRLF, no
 * line starts with a dot (nothing to stuff), and it is delivered only by a server that took the sequence as the end.
 */
final class TestBody {
    private TestBody() {
    }

    static byte[] wire(String sender, String recipient, String token, SmugglingSequence sequence, ZonedDateTime now) {
        String text = "From: <" + sender + ">\r\n"
                + "To: <" + recipient + ">\r\n"
                + "Subject: smtpscope SMTP smuggling test " + token + " (safe to delete)\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now) + "\r\n"
                + "Message-ID: <" + token + "@smtpscope.invalid>\r\n"
                + "X-Smtpscope-Check: smtp-smuggling\r\n"
                + "\r\n"
                + "This message comes from the opt-in SMTP smuggling check of smtpscope (scan --smuggling-check).\r\n"
                + "It ended with the non-standard sequence " + sequence.label() + " instead of <CR><LF>.<CR><LF>.\r\n"
                + "If it was delivered, the server took that sequence as the end of the message: it is open to\r\n"
                + "SMTP smuggling (CVE-2023-51764 and kin). See docs/smtp-smuggling.md. Safe to delete.";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] end = sequence.wire();
        byte[] smuggled = ("MAIL FROM:<" + sender + ">\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] wire = new byte[body.length + end.length + smuggled.length];
        System.arraycopy(body, 0, wire, 0, body.length);
        System.arraycopy(end, 0, wire, body.length, end.length);
        System.arraycopy(smuggled, 0, wire, body.length + end.length, smuggled.length);
        return wire;
    }
}
