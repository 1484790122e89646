package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real entry point in its own JVM: process exit status, and the demo's default report path. */
class MainProcessTest {
    @TempDir
    Path workDir;

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome runMain(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = workDir.resolve(".out");
        Path err = workDir.resolve(".err");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("smtpscope " + String.join(" ", args) + " did not finish in 90 s");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void demoWritesReportsDemoJsonInTheWorkingDirectoryAndExitsZero() throws Exception {
        Outcome o = runMain("demo");
        assertEquals(0, o.exit(), o.err());
        Path report = workDir.resolve("reports" + File.separator + "demo.json");
        assertTrue(Files.isRegularFile(report), "default report path reports/demo.json; stdout: " + o.out());
        JsonNode json = Json.mapper().readTree(report.toFile());
        assertEquals("smtpscope/report/v1", json.get("schema").asText());
        assertEquals(6, json.get("endpoints").size());
        assertTrue(o.out().contains("report written to reports/demo.json"), o.out());
        assertTrue(o.out().contains("6 endpoint(s)"), "human summary on stdout: " + o.out());
    }

    @Test
    void usageErrorIsExitStatusTwo() throws Exception {
        Outcome o = runMain("scan");
        assertEquals(2, o.exit());
        assertEquals("smtpscope: no targets: give hosts as arguments or with -i FILE", o.err().strip());
    }
}
