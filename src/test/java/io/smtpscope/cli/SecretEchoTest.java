package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.text.Printable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that echoes the SASL line we sent, whole, cut, padded so that our own bounds (512 characters per
 * transcript line, 80 in an error text) cut it, split over two reply lines, or as a challenge, must not make the
 * console or the {@code --json} of {@code login} show the secret or any piece of an encoding of it; whatever the
 * secret's length and whatever control characters it holds. And the tool's own sentences stay as written.
 */
class SecretEchoTest {
    private static final String USER = "alice@echo.test";
    private static final String SECRET_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*,.-_:;<>?@[]^{|}/+="
            + "\t\u0001\u001b\u007f\u0085\u202e\u200béü€";
    private static final String ECHO_EHLO = "250-echo.test\r\n250-AUTH PLAIN LOGIN XOAUTH2\r\n250 8BITMIME";

    enum Echo { WHOLE, CUT, PADDED, PADDED_IN_ONE_WORD, SPLIT, CHALLENGE, MALFORMED_DECODED }

    record Case(String secret, String mech, Echo echo, int n) {
        @Override
        public String toString() {
            return "Case[secret=" + Printable.escapeControls(secret) + " (" + secret.length() + " chars), " + mech + ", " + echo + " " + n + "]";
        }
    }

    /** What the server does with the line carrying the secret, for the case being run. */
    private static final AtomicReference<UnaryOperator<String>> ECHO = new AtomicReference<>();
    private static ScriptedSmtpServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = new ScriptedSmtpServer(ServerScript.wellBehaved("echo.test", null, false).withResponder(SecretEchoTest::answer));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String answer(String line) {
        if (line.startsWith("EHLO")) {
            return ECHO_EHLO;
        }
        if (line.equals("AUTH PLAIN") || line.equals("AUTH XOAUTH2")) {
            return "334 ";
        }
        if (line.equals("AUTH LOGIN")) {
            return "334 VXNlcm5hbWU6";
        }
        if (line.equals(b64(USER))) {
            return "334 UGFzc3dvcmQ6";
        }
        if (line.isEmpty() || line.equals("*")) {
            return "535 5.7.8 Authentication credentials invalid";
        }
        if (line.startsWith("AUTH PLAIN ") || line.startsWith("AUTH XOAUTH2 ")) {
            return ECHO.get().apply(line.substring(line.indexOf(' ', 5) + 1));
        }
        if (line.startsWith("AUTH ") || line.startsWith("QUIT")) {
            return null;
        }
        return ECHO.get().apply(line);
    }

    private static UnaryOperator<String> echo(Echo echo, int n) {
        return sent -> switch (echo) {
            case WHOLE -> "535 5.7.8 you sent " + sent;
            case CUT -> "535 5.7.8 you sent " + sent.substring(0, Math.min(n, sent.length()));
            case PADDED -> "535 5.7.8 " + "~".repeat(n) + " " + sent;
            case PADDED_IN_ONE_WORD -> "535 5.7.8 " + "A".repeat(n) + sent;
            case SPLIT -> "535-5.7.8 " + sent.substring(0, Math.min(n, sent.length())) + "\r\n535 5.7.8 "
                    + sent.substring(Math.min(n, sent.length()));
            case CHALLENGE -> "334 " + sent.substring(0, Math.max(4, Math.min(n, sent.length())) & ~3);
            case MALFORMED_DECODED -> "~".repeat(n % 80) + new String(Base64.getDecoder().decode(sent), StandardCharsets.UTF_8);
        };
    }

    /** Every length from 1 to 40 and some long ones, each with every mechanism; the shape of the echo drawn per case. */
    @Test
    void noPieceOfTheSecretSurvivesAnEchoOfEveryLengthAndShape() throws Exception {
        List<Integer> lengths = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lengths.add(i);
        }
        lengths.addAll(List.of(63, 64, 65, 100, 255, 256, 300, 384, 511, 700, 1205));
        for (int length : lengths) {
            for (String mech : List.of("PLAIN", "LOGIN", "XOAUTH2")) {
                SplittableRandom random = new SplittableRandom(length * 7919L + mech.hashCode());
                StringBuilder secret = new StringBuilder();
                while (secret.length() < length) {
                    secret.append(SECRET_CHARS.charAt(random.nextInt(SECRET_CHARS.length())));
                }
                Echo echo = Echo.values()[random.nextInt(Echo.values().length)];
                runAndCheck(new Case(secret.toString(), mech, echo, random.nextInt(600)));
            }
        }
    }

    /** Secrets of every length that begin, end or are made of control characters, against every shape of echo. */
    @Test
    void controlCharactersInTheSecretDoNotHideIt() throws Exception {
        List<String> mechs = List.of("PLAIN", "LOGIN", "XOAUTH2");
        int n = 0;
        for (String secret : List.of("\t", "a\tb", "\u001b[2J", "pass\u0001word", "\u007fend", "tab\tin the middle\t")) {
            for (Echo echo : Echo.values()) {
                runAndCheck(new Case(secret, mechs.get(n % mechs.size()), echo, 7 + n));
                n++;
            }
        }
    }

    private void runAndCheck(Case c) throws Exception {
        ECHO.set(echo(c.echo(), c.n()));
        Path secretFile = Files.writeString(dir.resolve("secret"), c.secret() + "\n", StandardCharsets.UTF_8);
        Path json = dir.resolve("login.json");
        Files.deleteIfExists(json);
        List<String> args = new ArrayList<>(List.of("login", "127.0.0.1:" + server.port() + "/plain", "--user", USER,
                "--allow-plaintext", "--mech", c.mech(), "--timeout", "10", "--json", json.toString()));
        args.addAll(c.mech().equals("XOAUTH2") ? List.of("--token-file", secretFile.toString())
                : List.of("--password-file", secretFile.toString()));
        CliRun run = CliRun.of(args);
        assertEquals(ExitCodes.FINDINGS, run.exit(), c + "\n" + run);
        String report = Files.readString(json);
        JsonNode tree = new ObjectMapper().readTree(report);
        List<String> protocol = new ArrayList<>();
        tree.path("transcript").forEach(l -> protocol.add(l.asText()));
        run.out().lines().filter(l -> l.startsWith("  C: ") || l.startsWith("  S: ")).forEach(l -> protocol.add(l.substring(2)));
        protocol.replaceAll(SecretEchoTest::serverTextOf);
        protocol.removeIf(line -> line.startsWith("* ")); // our notes
        protocol.add(tree.path("auth").path("server_text").asText());
        protocol.add(quoted(tree.path("error").path("message").asText()));
        run.out().lines().filter(l -> l.startsWith("Login: ")).map(l -> l.replaceFirst("^.*the server said: [0-9]{3} ", ""))
                .forEach(protocol::add);
        run.out().lines().filter(l -> l.startsWith("Error during")).map(SecretEchoTest::quoted).forEach(protocol::add);
        String everything = run.out() + "\n" + run.err() + "\n" + report;
        assertNoLeak(c, protocol, everything);
    }

    /** A transcript line without its marker and reply code: the code is the server's number, shown as it is. */
    private static String serverTextOf(String line) {
        return line.matches("^S: [2-5][0-9]{2}[ -].*") ? line.substring(7) : line.startsWith("C: ") ? line.substring(3) : line;
    }

    /** The server's text quoted in an error message ("not an SMTP reply line: '...'"); nothing when there is none. */
    private static String quoted(String message) {
        int open = message.indexOf('\'');
        return open < 0 ? "" : message.substring(open + 1);
    }

    /**
     * The secret whole (raw or as the report escapes it) in no protocol line or server text; and nowhere a piece of a
     * base64 encoding we sent that carries bits of the secret: four characters (one base64 quantum) for short
     * encodings, six for long ones, where four-character pieces of a 1,600-character encoding also turn up by chance
     * in any text (a 1,205-character token holds "00al", and the transcript "\x00alice").
     */
    static void assertNoLeak(Case c, List<String> protocol, String everything) {
        String context = c + "\n" + everything;
        for (String line : protocol) {
            assertFalse(line.contains(c.secret()), "the secret appears in: " + line + "\n" + context);
            assertFalse(line.contains(Printable.escapeControls(c.secret())), "the escaped secret appears in: " + line + "\n" + context);
        }
        for (String[] carrier : List.of(new String[]{"", ""}, new String[]{"\0" + USER + "\0", ""},
                new String[]{"user=" + USER + "\u0001auth=Bearer ", "\u0001\u0001"})) {
            byte[] before = carrier[0].getBytes(StandardCharsets.UTF_8);
            byte[] secret = c.secret().getBytes(StandardCharsets.UTF_8);
            String encoded = b64(carrier[0] + c.secret() + carrier[1]);
            int first = 8 * before.length / 6;
            int last = (8 * (before.length + secret.length) - 1) / 6;
            int size = encoded.length() <= 64 ? 4 : 6;
            for (int p = Math.max(0, first - size + 1); p <= last && p + size <= encoded.length(); p++) {
                String piece = encoded.substring(p, p + size);
                assertFalse(everything.contains(piece), "a piece of base64 of the secret ('" + piece + "' of " + encoded
                        + ") appears in the output:\n" + context.replace(piece, "<<LEAK>>"));
            }
        }
    }

    /** With the password "server", or one letter, our own sentences read as written. */
    @Test
    void theToolsOwnSentencesAreNeverMasked() throws Exception {
        ECHO.set(sent -> "535 5.7.8 Authentication credentials invalid");
        for (String password : List.of("server", "e", "the")) {
            Path secretFile = Files.writeString(dir.resolve("pw"), password + "\n");
            CliRun run = CliRun.of("login", "127.0.0.1:" + server.port() + "/starttls", "--user", USER, "--allow-plaintext",
                    "--mech", "PLAIN", "--timeout", "10", "--password-file", secretFile.toString());
            assertEquals(ExitCodes.FINDINGS, run.exit(), run.toString());
            assertTrue(run.out().contains("The server rejected the credentials: user name or password (or token) is wrong"), run.out());
            assertTrue(run.out().contains("Wrong password, or an old password still saved somewhere."), run.out());
            assertTrue(run.out().contains("* STARTTLS not advertised; trying it once to tell a removed keyword from a server without TLS"), run.out());
            assertTrue(run.out().contains("* STARTTLS refused (535): the session stays unencrypted"), run.out());
            if (password.equals("server")) {
                assertFalse(run.out().replace("C: AUTH PLAIN ***", "").contains("***"), "a mask outside the secret's line:\n" + run.out());
            }
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
