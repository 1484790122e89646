package io.smtpscope.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Builds the one message send-test sends: RFC 5322 headers (Date, Message-ID, From, To, Subject,
 * MIME-Version), a plain text body and, with attachments, a multipart/mixed body (RFC 2046) whose parts
 * are base64 (RFC 2045). Every line ends in CRLF and stays within 78 characters; names that are not
 * ASCII use RFC 2231 parameter encoding, subjects RFC 2047 encoded words.
 */
public final class TestMessage {
    private static final DateTimeFormatter RFC_5322_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BASE64_LINE = 76;

    public record Built(String messageId, byte[] bytes) {
    }

    private TestMessage() {
    }

    public static String defaultSubject(String server, ZonedDateTime when) {
        return "smtpscope test message via " + server + " at " + RFC_5322_DATE.format(when);
    }

    public static Built build(String from, List<String> to, String subject, String bodyText,
                              List<Attachment> attachments, ZonedDateTime date) {
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "smtpscope.invalid";
        String messageId = "<smtpscope." + HexFormat.of().formatHex(randomBytes(12)) + "@" + domain + ">";
        StringBuilder h = new StringBuilder();
        header(h, "Date", RFC_5322_DATE.format(date));
        header(h, "Message-ID", messageId);
        header(h, "From", "<" + from + ">");
        header(h, "To", String.join(",\r\n ", to.stream().map(a -> "<" + a + ">").toList()));
        header(h, "Subject", encodeWord(subject));
        header(h, "MIME-Version", "1.0");
        header(h, "X-Mailer", "smtpscope send-test");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = normalise(bodyText);
        if (attachments.isEmpty()) {
            header(h, "Content-Type", "text/plain; charset=UTF-8");
            header(h, "Content-Transfer-Encoding", contentTransferEncoding(body));
            write(out, h + "\r\n");
            write(out, bodyForEncoding(body));
            return new Built(messageId, out.toByteArray());
        }
        String boundary = "=_smtpscope_" + HexFormat.of().formatHex(randomBytes(12));
        header(h, "Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
        write(out, h + "\r\n");
        write(out, "This is a multi-part message in MIME format.\r\n");
        write(out, "\r\n--" + boundary + "\r\n");
        write(out, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: "
                + contentTransferEncoding(body) + "\r\n\r\n");
        write(out, bodyForEncoding(body));
        for (Attachment a : attachments) {
            write(out, "\r\n--" + boundary + "\r\n");
            write(out, "Content-Type: " + a.contentType() + ";\r\n " + parameter("name", a.fileName()) + "\r\n");
            write(out, "Content-Disposition: attachment;\r\n " + parameter("filename", a.fileName()) + "\r\n");
            write(out, "Content-Transfer-Encoding: base64\r\n\r\n");
            write(out, base64Lines(a.content()));
        }
        write(out, "\r\n--" + boundary + "--\r\n");
        return new Built(messageId, out.toByteArray());
    }

    private static void header(StringBuilder h, String name, String value) {
        h.append(name).append(": ").append(value).append("\r\n");
    }

    /** Text lines end in CRLF, whatever the user's file used. */
    static String normalise(String text) {
        String crlf = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        return crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
    }

    /** ASCII with short lines goes as 7bit; anything else as base64 so no server has to re-encode it. */
    private static String contentTransferEncoding(String body) {
        return isSevenBit(body) ? "7bit" : "base64";
    }

    private static String bodyForEncoding(String body) {
        return isSevenBit(body) ? body : base64Lines(body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isSevenBit(String body) {
        return body.chars().allMatch(c -> c < 128 && c != 0) && body.lines().allMatch(l -> l.length() <= 998);
    }

    static String base64Lines(byte[] data) {
        String encoded = Base64.getEncoder().encodeToString(data);
        StringBuilder out = new StringBuilder(encoded.length() + encoded.length() / BASE64_LINE * 2 + 2);
        for (int i = 0; i < encoded.length(); i += BASE64_LINE) {
            out.append(encoded, i, Math.min(encoded.length(), i + BASE64_LINE)).append("\r\n");
        }
        return out.toString();
    }

    /**
     * {@code name="file.pdf"} for plain ASCII names; {@code name*=UTF-8''%C3%A4.pdf} (RFC 2231 section 4)
     * otherwise, which mail clients decode back to the original name.
     */
    static String parameter(String name, String value) {
        boolean plain = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        if (plain) {
            return name + "=\"" + value + "\"";
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attributeChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            encoded.append(attributeChar ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return name + "*=UTF-8''" + encoded;
    }

    /** RFC 2047 encoded word for a non-ASCII subject; ASCII passes as is. */
    static String encodeWord(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
