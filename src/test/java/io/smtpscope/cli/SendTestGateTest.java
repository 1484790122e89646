package io.smtpscope.cli;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.report.Json;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * send-test without --user passes the same gate as credentials: the message and its attachments leave only over
 * verified TLS, or with the user's explicit --allow-plaintext (no TLS) / --insecure (a certificate that failed).
 */
class SendTestGateTest {
    private final LoopbackServers servers = new LoopbackServers();
    @TempDir
    Path dir;

    @BeforeAll
    static void relax() {
        TlsContexts.init();
    }

    @AfterEach
    void close() {
        servers.close();
    }

    private static CliRun sendTest(String name, ScriptedSmtpServer server, String... extra) {
        List<String> args = new ArrayList<>(List.of("send-test", name + ":" + server.port() + "/starttls",
                "--resolve", name + ":127.0.0.1", "--from", "alice@example.test", "--to", "bob@example.test", "--timeout", "20"));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private static boolean mailSent(ScriptedSmtpServer server) {
        return server.received().stream().anyMatch(l -> l.startsWith("MAIL FROM:"));
    }

    @Test
    void noMessageOverPlainTextUnlessAllowed() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("plain.test", null, false))) {
            CliRun refused = sendTest("plain.test", server, "--json", "-");
            assertEquals(1, refused.exit(), refused.toString());
            assertFalse(mailSent(server), server.received().toString());
            var error = Json.mapper().readTree(refused.out()).path("error");
            assertEquals("security_check", error.path("phase").asText(), refused.out());
            assertTrue(error.path("message").asText().startsWith("not sending the test message: the connection is not encrypted"),
                    error.toString());
            assertTrue(error.path("message").asText().contains("--allow-plaintext"), error.toString());

            CliRun allowed = sendTest("plain.test", server, "--allow-plaintext");
            assertTrue(mailSent(server), allowed.toString());
        }
    }

    @Test
    void noMessageToAnUnverifiedCertificateUnlessInsecure() throws Exception {
        ScriptedSmtpServer server = servers.starttls("mx.test", Duration.ofDays(60));
        CliRun refused = sendTest("mx.test", server);
        assertEquals(1, refused.exit(), refused.toString());
        assertFalse(mailSent(server), server.received().toString());
        assertTrue(refused.out().contains("Error during security_check: not sending the test message: the certificate did not"
                + " pass validation: not trusted"), refused.out());
        assertTrue(refused.out().contains("--insecure"), refused.out());

        sendTest("mx.test", server, "--allow-plaintext");
        assertFalse(mailSent(server), "--allow-plaintext is for no TLS at all, not for a failed certificate");

        CliRun insecure = sendTest("mx.test", server, "--insecure");
        assertTrue(mailSent(server), insecure.toString());
    }

    @Test
    void aVerifiedCertificateNeedsNoOption() throws Exception {
        ScriptedSmtpServer server = servers.starttls("mx.test", Duration.ofDays(60));
        CliRun run = sendTest("mx.test", server, "--ca-file", servers.caFile(dir).toString());
        assertFalse(run.out().contains("security_check"), run.out());
        assertTrue(mailSent(server), run.toString());
    }
}
