package io.smtpscope.session;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticatorTest {
    private static final String SECRET = "s3cr3t-Pa55";
    private static final Credentials PASSWORD = new Credentials("alice@example.com", SECRET, Credentials.Kind.PASSWORD);

    private static String ehlo(String auth) {
        return auth == null ? "250-fake.test\r\n250 8BITMIME" : "250-fake.test\r\n250-AUTH " + auth + "\r\n250 8BITMIME";
    }

    private SessionSetup.Outcome run(ScriptedSmtpServer server, Credentials credentials, Optional<Mechanism> mech, boolean allowPlaintext) throws Exception {
        Endpoint endpoint = new Endpoint(new Target("127.0.0.1:" + server.port(), "127.0.0.1", server.port(), Mode.PLAIN),
                InetAddress.getLoopbackAddress(), "127.0.0.1");
        ProbeSettings settings = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
        SessionSetup setup = new SessionSetup(endpoint, settings, new ChainValidator(TrustAnchors.of(List.of(), "none")),
                Clock.systemUTC(), credentials, mech, allowPlaintext, false);
        return setup.run(c -> { });
    }

    /** A plain-text server on loopback that answers EHLO with {@code auth} offered (or none), every other line with {@code onAuth}. */
    private static ScriptedSmtpServer server(String auth, Function<String, String> onAuth) throws Exception {
        return new ScriptedSmtpServer(ServerScript.wellBehaved("fake.test", null, false)
                .withResponder(line -> line.startsWith("EHLO") ? ehlo(auth) : onAuth.apply(line)));
    }

    @Test
    void refusesToSendCredentialsWithoutTlsAndSendsNothingSecret() throws Exception {
        try (ScriptedSmtpServer server = server("PLAIN LOGIN", line -> "235 2.7.0 ok")) {
            SessionSetup.Outcome outcome = run(server, PASSWORD, Optional.empty(), false);
            assertEquals(AuthStatus.REFUSED_PLAINTEXT, outcome.auth().status());
            assertFalse(outcome.auth().success());
            assertTrue(outcome.auth().explanation().contains("not encrypted"));
            assertTrue(server.received().stream().noneMatch(l -> l.startsWith("AUTH")));
        }
    }

    @Test
    void plainWithInitialResponseSucceedsAndTranscriptHidesIt() throws Exception {
        try (ScriptedSmtpServer server = server("PLAIN LOGIN", line -> line.startsWith("AUTH PLAIN ") ? "235 2.7.0 Authentication successful" : "500 what")) {
            SessionSetup.Outcome outcome = run(server, PASSWORD, Optional.empty(), true);
            assertTrue(outcome.auth().success());
            assertEquals("PLAIN", outcome.auth().mechanism());
            String sent = server.received().stream().filter(l -> l.startsWith("AUTH PLAIN ")).findFirst().orElseThrow();
            assertEquals("\0alice@example.com\0" + SECRET, new String(Base64.getDecoder().decode(sent.substring(11)), StandardCharsets.UTF_8));
            assertTrue(outcome.transcript().contains("C: AUTH PLAIN ***"), outcome.transcript().toString());
            assertFree(outcome.transcript(), SECRET, sent.substring(11));
        }
    }

    @Test
    void loginShowsDecodedPromptsAndTheUserButNotThePassword() throws Exception {
        try (ScriptedSmtpServer server = server("LOGIN", line -> switch (line) {
            case "AUTH LOGIN" -> "334 VXNlcm5hbWU6";
            case "YWxpY2VAZXhhbXBsZS5jb20=" -> "334 UGFzc3dvcmQ6";
            default -> "535 5.7.8 Error: authentication failed";
        })) {
            SessionSetup.Outcome outcome = run(server, PASSWORD, Optional.empty(), true);
            assertEquals(535, outcome.auth().replyCode());
            assertEquals("5.7.8", outcome.auth().enhancedCode());
            assertEquals(AuthStatus.AUTH_FAILED, outcome.auth().status());
            assertTrue(outcome.auth().explanation().contains("rejected the credentials"));
            assertFalse(outcome.auth().likelyCauses().isEmpty());
            assertTrue(outcome.transcript().containsAll(List.of("S: 334 VXNlcm5hbWU6   [Username:]", "S: 334 UGFzc3dvcmQ6   [Password:]",
                    "C: YWxpY2VAZXhhbXBsZS5jb20=   [alice@example.com]", "C: ***   [password]")), outcome.transcript().toString());
            assertTrue(server.received().contains(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))));
            assertFree(outcome.transcript(), SECRET, Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** RFC 2195 section 2's example: tim / tanstaaftanstaaf. */
    @Test
    void cramMd5AnswersTheRfcExample() throws Exception {
        String challenge = Base64.getEncoder().encodeToString("<1896.697170952@postoffice.reston.mci.net>".getBytes(StandardCharsets.US_ASCII));
        Credentials tim = new Credentials("tim", "tanstaaftanstaaf", Credentials.Kind.PASSWORD);
        try (ScriptedSmtpServer server = server("CRAM-MD5", line -> line.equals("AUTH CRAM-MD5") ? "334 " + challenge
                : line.equals("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw") ? "235 2.7.0 ok" : "535 5.7.8 no")) {
            SessionSetup.Outcome outcome = run(server, tim, Optional.empty(), true);
            assertTrue(outcome.auth().success());
            assertEquals("CRAM-MD5", outcome.auth().mechanism());
            assertTrue(outcome.transcript().stream().anyMatch(l -> l.endsWith("[<1896.697170952@postoffice.reston.mci.net>]")));
        }
    }

    @Test
    void xoauth2ErrorChallengeIsAnsweredWithAnEmptyLineAndExplained() throws Exception {
        String error = Base64.getEncoder().encodeToString("{\"status\":\"401\",\"schemes\":\"bearer\"}".getBytes(StandardCharsets.UTF_8));
        Credentials token = new Credentials("alice@example.com", "ya29.token-value", Credentials.Kind.OAUTH_TOKEN);
        try (ScriptedSmtpServer server = server("LOGIN XOAUTH2", line -> line.startsWith("AUTH XOAUTH2 ") ? "334 " + error
                : line.isEmpty() ? "535 5.7.8 Username and Password not accepted" : "500 ?")) {
            SessionSetup.Outcome outcome = run(server, token, Optional.empty(), true);
            assertEquals("XOAUTH2", outcome.auth().mechanism());
            assertEquals(535, outcome.auth().replyCode());
            assertTrue(server.received().contains(""));
            assertTrue(outcome.transcript().stream().anyMatch(l -> l.contains("[{\"status\":\"401\"")), outcome.transcript().toString());
            assertFree(outcome.transcript(), "ya29.token-value");
        }
    }

    @Test
    void appSpecificPasswordAndTemporaryFailureGetSpecificAdvice() throws Exception {
        try (ScriptedSmtpServer server = server("PLAIN", line -> "534 5.7.9 Application-specific password required")) {
            AuthOutcome auth = run(server, PASSWORD, Optional.empty(), true).auth();
            assertTrue(auth.explanation().contains("application-specific password"));
            assertTrue(auth.whatToTry().stream().anyMatch(t -> t.contains("app password")));
        }
        try (ScriptedSmtpServer server = server("PLAIN", line -> "454 4.7.0 Temporary authentication failure")) {
            AuthOutcome auth = run(server, PASSWORD, Optional.empty(), true).auth();
            assertEquals(AuthStatus.TEMPORARY_FAILURE, auth.status());
            assertTrue(auth.explanation().contains("Temporary authentication failure"));
        }
    }

    @Test
    void forcedMechanismNotOfferedIsTriedWithoutSendingTheSecretFirst() throws Exception {
        try (ScriptedSmtpServer server = server(null, line -> "503 5.5.1 Error: authentication not enabled")) {
            SessionSetup.Outcome outcome = run(server, PASSWORD, Optional.of(Mechanism.PLAIN), true);
            assertTrue(server.received().contains("AUTH PLAIN"), server.received().toString());
            assertFree(server.received(), SECRET,
                    Base64.getEncoder().encodeToString(("\0alice@example.com\0" + SECRET).getBytes(StandardCharsets.UTF_8)));
            assertEquals(503, outcome.auth().replyCode());
            assertTrue(outcome.auth().explanation().contains("does not accept AUTH"));
        }
    }

    @Test
    void noAuthOfferedIsSaidPlainly() throws Exception {
        try (ScriptedSmtpServer server = server(null, line -> "500 ?")) {
            AuthOutcome auth = run(server, PASSWORD, Optional.empty(), true).auth();
            assertEquals(AuthStatus.AUTH_NOT_OFFERED, auth.status());
            assertTrue(auth.likelyCauses().stream().anyMatch(c -> c.contains("STARTTLS")));
        }
    }

    @Test
    void aServerEchoingTheSecretIsRedacted() throws Exception {
        try (ScriptedSmtpServer server = server("PLAIN", line -> "535 5.7.8 bad password " + SECRET)) {
            SessionSetup.Outcome outcome = run(server, PASSWORD, Optional.empty(), true);
            assertFalse(outcome.auth().serverText().contains(SECRET));
            assertTrue(outcome.auth().serverText().contains("***"));
            assertFree(outcome.transcript(), SECRET);
        }
    }

    static void assertFree(List<String> lines, String... secrets) {
        String all = String.join("\n", lines);
        for (String secret : secrets) {
            assertFalse(all.contains(secret), "a secret form appears in: " + all.replace(secret, "<<LEAK>>"));
        }
    }
}
