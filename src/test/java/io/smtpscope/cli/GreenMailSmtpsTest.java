package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.smtpscope.report.Json;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Implicit TLS (SMTPS, the port-465 style) login and delivery against GreenMail on a random loopback port. */
class GreenMailSmtpsTest {
    private static final String USER = "carol@greenmail.test";
    private static final String PASSWORD = "Gm-S3cret-pass!";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, PASSWORD))
            .withPerMethodLifecycle(true);

    @TempDir
    Path dir;

    private String target() {
        return "127.0.0.1:" + GREENMAIL.getSmtps().getPort() + "/implicit-tls";
    }

    private Path passwordFile() throws Exception {
        return Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    }

    @Test
    void refusesAnUnverifiedCertificateBeforeSendingCredentials() throws Exception {
        CliRun run = CliRun.of("login", target(), "--user", USER, "--password-file", passwordFile().toString());
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("certificate-rejected"), run.out());
        assertTrue(!run.out().contains("C: AUTH"), run.out());
    }

    @Test
    void logsInOverImplicitTls() throws Exception {
        Path report = dir.resolve("login.json");
        CliRun run = CliRun.of("login", target(), "--user", USER, "--password-file", passwordFile().toString(), "--insecure",
                "--json", report.toString());
        assertEquals(0, run.exit(), run.all());
        JsonNode root = Json.mapper().readTree(Files.readString(report));
        assertEquals("implicit-tls", root.path("session").path("mode").asText());
        assertTrue(root.path("session").path("tls").path("protocol").asText().startsWith("TLS"));
        assertEquals(235, root.path("auth").path("reply_code").asInt());
        SecretLeaks.assertAbsent(USER, PASSWORD, run.out(), run.err(), Files.readString(report));
    }

    @Test
    void wrongPasswordFailsWithAnExplainedReply() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password-42");
        CliRun run = CliRun.of("login", target(), "--user", USER, "--password-file", wrong.toString(), "--insecure", "--mech", "LOGIN");
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("Login: FAILED (auth-failed)"), run.out());
        assertTrue(run.out().contains("S: 334 VXNlcm5hbWU6   [Username:]"), run.out());
        SecretLeaks.assertAbsent(USER, "not-the-password-42", run.out(), run.err());
    }

    @Test
    void deliversABinaryAttachmentByteForByte() throws Exception {
        byte[] binary = new byte[200_000];
        new Random(42).nextBytes(binary);
        binary[0] = '.';
        binary[1] = '\r';
        binary[2] = '\n';
        Path file = Files.write(dir.resolve("payload.bin"), binary);
        CliRun run = CliRun.of("send-test", target(), "--user", USER, "--password-file", passwordFile().toString(),
                "--insecure", "--from", USER, "--to", "dave@greenmail.test", "--attach", file.toString());
        assertEquals(0, run.exit(), run.all());
        assertTrue(GREENMAIL.waitForIncomingEmail(10_000, 1), "GreenMail received nothing");
        MimeMessage received = GREENMAIL.getReceivedMessages()[0];
        assertTrue(received.getSubject().startsWith("smtpscope test message"));
        assertArrayEquals(binary, MimeParts.bytes(MimeParts.attachment(received, "payload.bin")));
        assertTrue(MimeParts.text(received).contains("\n.This line starts with a dot."));
        SecretLeaks.assertAbsent(USER, PASSWORD, run.out(), run.err());
    }
}
