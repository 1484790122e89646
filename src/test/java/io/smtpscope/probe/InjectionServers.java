package io.smtpscope.probe;

import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * In-JVM servers (JSSE on loopback) for the STARTTLS injection behaviours no maintained MTA reproduces any more:
 * one that keeps the plaintext pipelined with STARTTLS and executes it inside TLS (CVE-2011-0411), one that answers
 * it in plaintext before the handshake, and one that injects a reply after its 220 (response injection against
 * the client).
 */
public final class InjectionServers {
    static final DemoPki PKI = new DemoPki("injection test CA");
    static final SSLContext TLS = DemoPki.serverContext(PKI.issue(List.of("mail.injection.test"), Duration.ofDays(30)));
    static final List<String> EXTENSIONS = List.of("PIPELINING", "STARTTLS");

    private InjectionServers() {
    }

    /** Reads what the client pipelined after STARTTLS, as a buffered server's next read would. */
    private static List<String> pendingLines(Conversation c) throws IOException {
        c.socket().setSoTimeout(500);
        byte[] pending;
        try {
            pending = c.readSome(4096);
        } catch (java.net.SocketTimeoutException nothing) {
            pending = new byte[0];
        }
        c.socket().setSoTimeout(10_000);
        List<String> lines = new ArrayList<>();
        for (String line : new String(pending, StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Answers inside TLS until QUIT: NOOP 250, EHLO with AUTH, QUIT 221. */
    private static void serveInsideTls(Conversation secure, List<String> first) throws IOException {
        List<String> queue = new ArrayList<>(first);
        while (true) {
            String line = queue.isEmpty() ? secure.readLine() : queue.remove(0);
            if (line == null) {
                return;
            }
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "QUIT" -> {
                    secure.send("221 2.0.0 bye\r\n");
                    return;
                }
                case "EHLO" -> secure.send("250-mail.injection.test\r\n250 AUTH PLAIN\r\n");
                default -> secure.send("250 2.0.0 ok\r\n");
            }
        }
    }

    /** CVE-2011-0411: the plaintext read with STARTTLS stays in the command buffer and is executed inside TLS. */
    public static ScriptedSmtpServer executesInjectedCommands() throws IOException {
        return ScriptedSmtpServer.raw(s -> {
            Conversation c = new Conversation(s);
            if (c.smtpUntil("STARTTLS", EXTENSIONS)) {
                List<String> buffered = pendingLines(c);
                c.send("220 2.0.0 ready\r\n");
                serveInsideTls(c.upgradeToTls(TLS), buffered);
            }
        });
    }

    /** Discards the buffer, as a fixed server does: the baseline of the same scripted code. */
    public static ScriptedSmtpServer discardsInjectedCommands() throws IOException {
        return ScriptedSmtpServer.raw(s -> {
            Conversation c = new Conversation(s);
            if (c.smtpUntil("STARTTLS", EXTENSIONS)) {
                pendingLines(c);
                c.send("220 2.0.0 ready\r\n");
                serveInsideTls(c.upgradeToTls(TLS), List.of());
            }
        });
    }

    /** Answers the pipelined commands in plaintext right after the 220, then does TLS (a protocol violation, not injection). */
    public static ScriptedSmtpServer answersInjectedInPlaintext() throws IOException {
        return ScriptedSmtpServer.raw(s -> {
            Conversation c = new Conversation(s);
            if (c.smtpUntil("STARTTLS", EXTENSIONS)) {
                List<String> buffered = pendingLines(c);
                StringBuilder answer = new StringBuilder("220 2.0.0 ready\r\n");
                buffered.forEach(line -> answer.append("250 2.0.0 ok (plaintext)\r\n"));
                c.send(answer.toString());
                serveInsideTls(c.upgradeToTls(TLS), List.of());
            }
        });
    }

    /**
     * A hostile variant of {@link #executesInjectedCommands}: {@code plaintext} right after the 220 (raw bytes, one
     * per char), and {@code tlsReply} as the answer to each injected command inside TLS.
     */
    public static ScriptedSmtpServer executesWithHostileText(String plaintext, String tlsReply) throws IOException {
        return ScriptedSmtpServer.raw(s -> {
            Conversation c = new Conversation(s);
            if (c.smtpUntil("STARTTLS", EXTENSIONS)) {
                List<String> buffered = pendingLines(c);
                c.send("220 2.0.0 ready\r\n" + plaintext);
                Conversation secure = c.upgradeToTls(TLS);
                for (int i = 0; i < buffered.size(); i++) {
                    secure.send(tlsReply);
                }
                serveInsideTls(secure, List.of());
            }
        });
    }

    /** Response injection against the client: {@code 220 ready} and {@code 250 injected} in one segment, then TLS. */
    public static ScriptedSmtpServer injectsReplyAfter220() throws IOException {
        return ScriptedSmtpServer.raw(s -> {
            Conversation c = new Conversation(s);
            if (c.smtpUntil("STARTTLS", EXTENSIONS)) {
                c.send("220 ready\r\n250 injected\r\n");
                serveInsideTls(c.upgradeToTls(TLS), List.of());
            }
        });
    }
}
