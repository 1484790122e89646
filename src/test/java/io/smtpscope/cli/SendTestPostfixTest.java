package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.report.Json;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code smtpscope send-test} through the real Postfix: the message must land in bob's Maildir intact. */
class SendTestPostfixTest {
    @TempDir
    Path dir;
    PostfixFixture postfix;

    @BeforeEach
    void setUp() {
        postfix = RealServices.postfix();
    }

    @Test
    void deliversHeadersBodyAndAttachmentsByteForByte() throws Exception {
        String user = postfix.get("sasl_user");
        String password = postfix.password();
        Path passwordFile = Files.writeString(dir.resolve("pw"), password);
        byte[] binary = new byte[70_000];
        new Random(7).nextBytes(binary);
        Path binaryFile = Files.write(dir.resolve("sample.bin"), binary);
        byte[] text = ".leading dot\r\n.\r\nlast line without newline".getBytes(StandardCharsets.UTF_8);
        Path textFile = Files.write(dir.resolve("Grüße.txt"), text);
        Path report = dir.resolve("send.json");
        String to = "bob@" + postfix.get("domain");

        CliRun run = CliRun.of("send-test", postfix.target("submission_port"), postfix.tlsOptions()[0], postfix.tlsOptions()[1],
                postfix.tlsOptions()[2], postfix.tlsOptions()[3], "--user", user, "--password-file", passwordFile.toString(),
                "--from", user, "--to", to, "--attach", binaryFile.toString(), "--attach", textFile.toString(),
                "--json", report.toString());

        assertEquals(0, run.exit(), run.all());
        JsonNode root = Json.mapper().readTree(Files.readString(report));
        assertTrue(root.path("accepted").asBoolean());
        assertEquals(List.of("MAIL FROM:<" + user + ">", "RCPT TO:<" + to + ">", "DATA", "(end of data)"),
                root.path("steps").findValuesAsText("command"));
        assertTrue(root.path("queue_id").asText().matches("[0-9A-Za-z]{6,}"), root.path("queue_id").toString());
        assertTrue(run.out().contains("queued as " + root.path("queue_id").asText()));
        String messageId = root.path("message_id").asText();

        Path delivered = awaitDelivery(postfix.path("maildir_bob"), messageId);
        MimeMessage message = MimeParts.parse(Files.readAllBytes(delivered));
        assertEquals(messageId, message.getMessageID());
        assertTrue(message.getSubject().startsWith("smtpscope test message"), message.getSubject());
        assertEquals("<" + user + ">", message.getHeader("From")[0]);
        assertEquals("<" + to + ">", message.getHeader("To")[0]);
        assertTrue(message.getSentDate() != null);
        assertEquals("1.0", message.getHeader("MIME-Version")[0]);
        String body = MimeParts.text(message);
        assertTrue(body.contains("This is a test message sent by smtpscope"), body);
        assertTrue(body.contains("\n.This line starts with a dot."), "dot-stuffing lost the leading dot: " + body);
        BodyPart binaryPart = MimeParts.attachment(message, "sample.bin");
        assertArrayEquals(binary, MimeParts.bytes(binaryPart));
        assertArrayEquals(text, MimeParts.bytes(MimeParts.attachment(message, "Grüße.txt")));
        assertTrue(binaryPart.isMimeType("application/octet-stream"));
        SecretLeaks.assertAbsent(user, password, run.out(), run.err(), Files.readString(report));
    }

    @Test
    void dryRunPrintsTheMessageAndSendsNothing() throws Exception {
        CliRun run = CliRun.of("send-test", postfix.target("submission_port"), "--from", "alice@smtpscope.test",
                "--to", "bob@smtpscope.test", "--subject", "dry", "--dry-run");
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("Subject: dry\n"), run.out());
        assertTrue(run.out().contains("nothing was sent"));
    }

    @Test
    void anUnknownRecipientIsExplained() throws Exception {
        CliRun run = CliRun.of("send-test", postfix.target("smtp_port"), postfix.tlsOptions()[0], postfix.tlsOptions()[1],
                postfix.tlsOptions()[2], postfix.tlsOptions()[3], "--from", "alice@smtpscope.test",
                "--to", "nobody-here@smtpscope.test", "--json", "-");
        assertEquals(1, run.exit(), run.all());
        JsonNode root = Json.mapper().readTree(run.out());
        JsonNode rcpt = root.path("steps").get(1);
        assertEquals(550, rcpt.path("code").asInt(), root.toString());
        assertTrue(rcpt.path("explanation").asText().contains("refused this recipient"), rcpt.toString());
        assertFalse(rcpt.path("ok").asBoolean(), "a 550 to RCPT is a rejection: " + rcpt);
        assertTrue(!root.path("accepted").asBoolean());
    }

    private static Path awaitDelivery(Path maildirNew, String messageId) throws Exception {
        for (int i = 0; i < 100; i++) { // bounded: at most about 10 s
            Optional<Path> found = find(maildirNew, messageId);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("message " + messageId + " not delivered to " + maildirNew + " within 10 s");
    }

    private static Optional<Path> find(Path dir, String messageId) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (Files.readString(file, StandardCharsets.ISO_8859_1).contains("Message-ID: " + messageId)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }
}
