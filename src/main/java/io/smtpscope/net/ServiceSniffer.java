package io.smtpscope.net;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Names the service behind the first bytes a port sent, so "not SMTP" can say what it was instead. */
public final class ServiceSniffer {
    private static final Pattern SMTP_REPLY = Pattern.compile("^[2-5][0-9]{2}([ -].*)?", Pattern.DOTALL);

    private ServiceSniffer() {
    }

    public static String identify(byte[] first) {
        if (first == null || first.length == 0) {
            return "unknown";
        }
        if (first.length >= 2 && (first[0] == 0x15 || first[0] == 0x16) && first[1] == 0x03) {
            return "tls"; // a TLS alert or handshake record: RFC 8446 section 5.1
        }
        if (first[0] == (byte) 0x80 || first[0] == 0x00 && first.length > 2 && first[2] == 0x04) {
            return "tls"; // SSLv2-format records
        }
        String text = new String(first, 0, Math.min(first.length, 64), StandardCharsets.ISO_8859_1);
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("HTTP/") || upper.startsWith("<!DOCTYPE") || upper.startsWith("<HTML")) {
            return "http";
        }
        if (text.startsWith("SSH-")) {
            return "ssh";
        }
        if (upper.startsWith("* OK") || upper.startsWith("* PREAUTH") || upper.startsWith("* BYE")) {
            return "imap";
        }
        if (upper.startsWith("+OK") || upper.startsWith("-ERR")) {
            return "pop3";
        }
        if (SMTP_REPLY.matcher(text).matches()) {
            return "smtp";
        }
        return "unknown";
    }

    /** "an HTTP server", "an SSH server", ... for messages. */
    public static String describe(String service) {
        return switch (service) {
            case "http" -> "an HTTP server";
            case "ssh" -> "an SSH server";
            case "imap" -> "an IMAP server";
            case "pop3" -> "a POP3 server";
            case "tls" -> "a TLS server (implicit TLS)";
            case "smtp" -> "a plain-text SMTP server";
            default -> "an unknown service";
        };
    }
}
