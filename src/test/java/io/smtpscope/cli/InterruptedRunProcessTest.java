package io.smtpscope.cli;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.report.Json;
import io.smtpscope.result.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real smtpscope process, stopped with SIGTERM while one endpoint is still waiting for a greeting that
 * never comes: the shutdown hook must leave a JSON report of what finished, marked incomplete.
 */
class InterruptedRunProcessTest {
    @TempDir
    Path dir;

    @Test
    void sigtermLeavesAnIncompleteReportOfWhatFinished() throws Exception {
        DemoPki pki = new DemoPki("interrupt test CA");
        ServerScript good = ServerScript.wellBehaved("good.test", DemoPki.serverContext(
                pki.issue(List.of("good.test"), Duration.ofDays(30))), false);
        // Never accepted: the kernel completes the TCP handshake, then the greeting never comes (30 s timeout).
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(good);
             ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Path json = dir.resolve("scan.json");
            Path jsonl = dir.resolve("scan.jsonl");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "io.smtpscope.cli.Main", "scan", "127.0.0.1:" + server.port() + "/starttls",
                    "127.0.0.1:" + silent.getLocalPort() + "/starttls", "--json", json.toString(),
                    "--jsonl", jsonl.toString(), "-q")
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(Files.exists(jsonl) && Files.readAllLines(jsonl).size() == 1)) {
                    if (System.nanoTime() > deadline || !child.isAlive()) {
                        fail("the good endpoint never finished; stderr: " + Files.readString(dir.resolve("stderr.txt")));
                    }
                    Thread.sleep(50);
                }
                assertTrue(child.isAlive(), "still waiting for the silent server");
                assertFalse(Files.exists(json), "no report before the end");
                child.destroy(); // SIGTERM on Unix
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
            } finally {
                child.destroyForcibly();
            }
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertTrue(Files.exists(json), "partial report written; stderr: " + stderr);
            ScanReport report = Json.mapper().readValue(json.toFile(), ScanReport.class);
            assertFalse(report.complete());
            assertEquals(1, report.endpoints().size());
            assertEquals(server.port(), report.endpoints().getFirst().port());
            assertTrue(stderr.contains("interrupted: wrote the 1 finished endpoint(s)"), stderr);
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temp file left behind");
            }
        }
    }
}
