package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.report.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code smtpscope login} against the real Postfix with Dovecot SASL on loopback. */
class LoginPostfixTest {
    private static final String WRONG = "Wr0ng-Passw0rd-7x";

    @TempDir
    Path dir;
    PostfixFixture postfix;
    String user;
    String password;
    Path passwordFile;

    @BeforeEach
    void setUp() throws Exception {
        postfix = RealServices.postfix();
        user = postfix.get("sasl_user");
        password = postfix.password();
        passwordFile = Files.writeString(dir.resolve("pw"), password + "\n");
    }

    @AfterEach
    void restoreEnvironment() {
        SessionOptions.environment = System::getenv;
    }

    private CliRun login(String target, String... extra) {
        List<String> args = new ArrayList<>(List.of("login", target, "--user", user));
        args.addAll(List.of(postfix.tlsOptions()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private JsonNode json(Path file) throws Exception {
        return Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void succeedsOnSubmissionWithStarttlsAndTheRightPassword() throws Exception {
        Path report = dir.resolve("login.json");
        CliRun run = login(postfix.target("submission_port"), "--password-file", passwordFile.toString(), "--json", report.toString());
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("Login: SUCCESS"), run.out());
        JsonNode root = json(report);
        assertEquals("smtpscope/login/v1", root.path("schema").asText());
        assertTrue(root.path("auth").path("success").asBoolean());
        assertEquals(235, root.path("auth").path("reply_code").asInt());
        assertEquals("PLAIN", root.path("auth").path("mechanism").asText());
        assertTrue(root.path("session").path("certificate").path("trusted").asBoolean());
        assertTrue(root.path("transcript").toString().contains("C: AUTH PLAIN ***"));
        assertTrue(root.path("reproduce").get(0).asText().startsWith("openssl s_client -starttls smtp -connect " + postfix.get("host") + ":"
                + postfix.get("submission_port") + " -servername " + postfix.get("name")));
        SecretLeaks.assertAbsent(user, password, run.out(), run.err(), Files.readString(report));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOGIN", "CRAM-MD5"})
    void otherMechanismsSucceedToo(String mechanism) throws Exception {
        CliRun run = login(postfix.target("submission_port"), "--password-file", passwordFile.toString(), "--mech", mechanism);
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("used: " + mechanism), run.out());
        if (mechanism.equals("LOGIN")) {
            assertTrue(run.out().contains("S: 334 VXNlcm5hbWU6   [Username:]"), run.out());
            assertTrue(run.out().contains("S: 334 UGFzc3dvcmQ6   [Password:]"), run.out());
        }
        SecretLeaks.assertAbsent(user, password, run.out(), run.err());
    }

    @Test
    void failsWith535OnAWrongPasswordAndExplainsIt() throws Exception {
        SessionOptions.environment = Map.of("SMTP_PASSWORD", WRONG)::get;
        Path report = dir.resolve("wrong.json");
        CliRun run = login(postfix.target("submission_port"), "--json", report.toString());
        assertEquals(1, run.exit(), run.all());
        JsonNode auth = json(report).path("auth");
        assertEquals("auth-failed", auth.path("status").asText());
        assertEquals(535, auth.path("reply_code").asInt());
        assertEquals("5.7.8", auth.path("enhanced_code").asText());
        assertTrue(auth.path("explanation").asText().contains("rejected the credentials"), auth.toString());
        assertFalse(auth.path("likely_causes").isEmpty());
        assertTrue(run.out().contains("Login: FAILED"));
        SecretLeaks.assertAbsent(user, WRONG, run.out(), run.err(), Files.readString(report));
    }

    @Test
    void credentialsAreNotSentBeforeStarttls() throws Exception {
        CliRun run = login(postfix.get("host") + ":" + postfix.get("submission_port") + "/plain",
                "--password-file", passwordFile.toString());
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("refused-plaintext"), run.out());
        assertTrue(run.out().contains("not encrypted"), run.out());
        assertFalse(run.out().contains("C: AUTH"), run.out());
    }

    @Test
    void submissionDoesNotEvenOfferAuthBeforeStarttls() throws Exception {
        Path report = dir.resolve("plain.json");
        CliRun run = login(postfix.get("host") + ":" + postfix.get("submission_port") + "/plain", "--allow-plaintext",
                "--password-file", passwordFile.toString(), "--json", report.toString());
        assertEquals(1, run.exit(), run.all());
        JsonNode auth = json(report).path("auth");
        assertEquals("auth-not-offered", auth.path("status").asText());
        assertTrue(auth.path("likely_causes").toString().contains("only after STARTTLS"), auth.toString());
        SecretLeaks.assertAbsent(user, password, run.out(), run.err(), Files.readString(report));
    }

    @Test
    void authForcedBeforeStarttlsIsRefusedByTheServerBeforeAnySecretIsSent() throws Exception {
        Path report = dir.resolve("forced.json");
        CliRun run = login(postfix.get("host") + ":" + postfix.get("smtp_port") + "/plain", "--allow-plaintext",
                "--mech", "PLAIN", "--password-file", passwordFile.toString(), "--json", report.toString());
        assertEquals(1, run.exit(), run.all());
        JsonNode auth = json(report).path("auth");
        int code = auth.path("reply_code").asInt();
        assertTrue(code == 503 || code == 530 || code == 538, "expected a refusal before STARTTLS, got " + auth);
        assertTrue(json(report).path("transcript").toString().contains("C: AUTH PLAIN\""), json(report).path("transcript").toString());
        SecretLeaks.assertAbsent(user, password, run.out(), run.err(), Files.readString(report));
    }

    @Test
    void implicitTlsOn465() throws Exception {
        CliRun run = login(postfix.target("smtps_port"), "--password-file", passwordFile.toString());
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("openssl s_client -connect " + postfix.get("host") + ":" + postfix.get("smtps_port")), run.out());
        assertTrue(run.out().contains("--tlsc"), run.out());
    }

    @Test
    void scanReportsCarryReproduceCommands() throws Exception {
        CliRun run = CliRun.of("scan", postfix.get("host") + ":" + postfix.get("submission_port"), "--json", "-");
        JsonNode endpoint = Json.mapper().readTree(run.out()).path("endpoints").get(0);
        assertEquals("openssl s_client -starttls smtp -connect " + postfix.get("host") + ":" + postfix.get("submission_port") + " -crlf",
                endpoint.path("reproduce").get(0).asText());
        assertTrue(endpoint.path("reproduce").get(1).asText().endsWith("--tls --quit-after EHLO"));
        assertFalse(endpoint.path("transcript").toString().contains("MAIL FROM"), "a scan must never send MAIL");
    }
}
