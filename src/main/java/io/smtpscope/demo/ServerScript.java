package io.smtpscope.demo;

import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link ScriptedSmtpServer} behaves. {@code ehloBeforeTls}/{@code ehloAfterTls} are the extension
 * lines; {@code legacyTls} widens TLS to 1.0-1.2 with legacy suites (otherwise TLS 1.2/1.3 with ECDHE and
 * AEAD only); {@code startTlsReply} is what STARTTLS is answered with when it is not "220 ready" (null =
 * upgrade); {@code responder}, when set, answers any command line first (a test's own dialogue).
 */
public record ServerScript(String hostname, List<String> banner, List<String> ehloBeforeTls, List<String> ehloAfterTls,
                           boolean implicitTls, SSLContext tls, String startTlsReply,
                           boolean legacyTls, Responder responder) {
    /** A test's answer to one command line. */
    @FunctionalInterface
    public interface Responder {
        /** The reply to {@code line} (lines separated by CRLF, without the final one), or null for the script's own answer. */
        String answer(String line);
    }

    public ServerScript {
        banner = List.copyOf(banner);
        ehloBeforeTls = List.copyOf(ehloBeforeTls);
        ehloAfterTls = List.copyOf(ehloAfterTls);
    }

    /** A well-behaved server: STARTTLS advertised (or implicit TLS), AUTH only inside TLS. {@code tls} null: no TLS at all. */
    public static ServerScript wellBehaved(String hostname, SSLContext tls, boolean implicitTls) {
        List<String> common = List.of("PIPELINING", "SIZE 10240000", "ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8");
        List<String> before = new ArrayList<>(common);
        if (!implicitTls && tls != null) {
            before.add("STARTTLS");
        }
        List<String> after = new ArrayList<>(common);
        after.add("AUTH PLAIN LOGIN");
        return new ServerScript(hostname, List.of(hostname + " ESMTP smtpscope demo"),
                implicitTls ? after : before, after, implicitTls, tls, null, false, null);
    }

    public ServerScript withEhloBeforeTls(List<String> lines) {
        return new ServerScript(hostname, banner, lines, ehloAfterTls, implicitTls, tls, startTlsReply, legacyTls, responder);
    }

    public ServerScript withBanner(List<String> lines) {
        return new ServerScript(hostname, lines, ehloBeforeTls, ehloAfterTls, implicitTls, tls, startTlsReply, legacyTls, responder);
    }

    /** Also accept TLS 1.0/1.1 and CBC suites without forward secrecy, like a server configured years ago. */
    public ServerScript withLegacyTls() {
        return new ServerScript(hostname, banner, ehloBeforeTls, ehloAfterTls, implicitTls, tls, startTlsReply, true, responder);
    }

    public ServerScript withStartTlsReply(String reply) {
        return new ServerScript(hostname, banner, ehloBeforeTls, ehloAfterTls, implicitTls, tls, reply, legacyTls, responder);
    }

    /** Lets {@code answer} reply to every command line before the script does (QUIT always ends the session). */
    public ServerScript withResponder(Responder answer) {
        return new ServerScript(hostname, banner, ehloBeforeTls, ehloAfterTls, implicitTls, tls, startTlsReply, legacyTls, answer);
    }
}
