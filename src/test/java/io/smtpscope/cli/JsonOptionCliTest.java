package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One meaning of --json on every command: alone or '-' is stdout, =FILE (or FILE where it always was) a file. */
class JsonOptionCliTest {
    @TempDir
    Path dir;

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    @Test
    void explainJsonPrintsAReplyCodeAsJson() throws IOException {
        CliRun run = CliRun.of("explain", "--json", "535", "5.7.8");
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        JsonNode reply = json(run.out());
        assertEquals(535, reply.get("code").asInt());
        assertEquals("5.7.8", reply.get("enhanced_code").asText());
        assertTrue(reply.get("explanation").asText().toLowerCase().contains("credentials"), run.out());
    }

    @Test
    void explainJsonOfAnEnhancedCodeAlone() throws IOException {
        JsonNode reply = json(CliRun.of("explain", "5.7.1", "--json").out());
        assertTrue(reply.get("code").isNull());
        assertEquals("5.7.1", reply.get("enhanced_code").asText());
    }

    @Test
    void aFlagCommandWritesAFileWithJsonEqualsFile() throws IOException {
        Path file = dir.resolve("catalogue.json");
        CliRun run = CliRun.of("findings", "--json=" + file);
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals("", run.out());
        assertTrue(json(Files.readString(file)).get("findings").size() > 10);
    }

    @Test
    void aFlagCommandNeverTakesTheNextWordAsTheFile() throws IOException {
        CliRun run = CliRun.of("explain", "--json", "CERT_EXPIRED");
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals("CERT_EXPIRED", json(run.out()).get("id").asText());
        assertFalse(Files.exists(Path.of("CERT_EXPIRED")));
    }

    @Test
    void scanJsonAloneAtTheEndPrintsTheReport() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.of("scan", "--no-history", "--profile", "quick", "127.0.0.1:" + closed + "/plain", "--json");
        assertEquals(ExitCodes.FINDINGS, run.exit(), "a host with no reachable mail port fails: " + run);
        JsonNode report = json(run.out());
        assertEquals("smtpscope/report/v1", report.get("schema").asText());
        assertEquals("refused", report.get("endpoints").get(0).get("reachability").asText());
    }

    @Test
    void scanJsonBeforeTheOnlyHostSaysTheHostWasTakenAsTheFile() {
        CliRun run = CliRun.of("scan", "--no-history", "--json", "mail.example.com");
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("'mail.example.com' was taken as the --json file"), run.toString());
        assertTrue(run.err().contains("--json=FILE"), run.toString());
        assertFalse(Files.exists(Path.of("mail.example.com")));
    }
}
