package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportReaderTest {
    private final ReportReader reader = new ReportReader(new Tool("smtpscope", "reader-test"));

    @TempDir
    Path dir;

    @Test
    void readsAWholeJsonReportBackUnchanged() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(demo, json);
        Path file = Files.writeString(dir.resolve("scan.json"), json.toString());
        assertEquals(demo, reader.read(file));
    }

    @Test
    void jsonlGetsASynthesisedHeader() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        Path file = dir.resolve("scan.jsonl");
        Files.write(file, demo.endpoints().stream().map(JsonlWriter::line).toList(), StandardCharsets.UTF_8);
        Instant modified = Instant.parse("2026-01-02T03:04:05Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));

        ScanReport read = reader.read(file);
        assertEquals(demo.endpoints(), read.endpoints());
        assertEquals(ScanReport.SCHEMA, read.schema());
        assertEquals(ReportReader.JSONL_PROFILE, read.profile());
        assertEquals("reader-test", read.tool().version());
        assertEquals(modified, read.startedAt());
        assertEquals(modified, read.finishedAt());
        assertTrue(read.complete());
        assertTrue(read.inputErrors().isEmpty());
    }

    @Test
    void aLineCutOffByACrashIsReportedAndMarksTheReportIncomplete() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        List<String> lines = new ArrayList<>(demo.endpoints().stream().map(JsonlWriter::line).toList());
        String last = lines.removeLast();
        lines.add(last.substring(0, last.length() / 2));
        Path file = dir.resolve("cut.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        ScanReport read = reader.read(file);
        assertEquals(demo.endpoints().size() - 1, read.endpoints().size());
        assertFalse(read.complete());
        assertEquals(1, read.inputErrors().size());
        assertTrue(read.inputErrors().getFirst().startsWith("cut.jsonl:" + demo.endpoints().size() + ": "),
                read.inputErrors().getFirst());
    }

    @Test
    void somethingElseIsAClearError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "\n\n");
        assertTrue(assertThrows(ReportReader.UnreadableReportException.class, () -> reader.read(empty))
                .getMessage().contains("is empty"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertTrue(assertThrows(ReportReader.UnreadableReportException.class, () -> reader.read(text))
                .getMessage().contains("not an smtpscope"));
        Path other = Files.writeString(dir.resolve("other.json"), "{\"name\": 1}\n{\"x\": 2}");
        assertThrows(ReportReader.UnreadableReportException.class, () -> reader.read(other));
    }

    @Test
    void jsonlWriterKeepsLinesWholeUnderConcurrentWrites() throws Exception {
        List<EndpointResult> endpoints = ScanFixtures.demo().endpoints();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int perThread = 40;
        try (JsonlWriter writer = new JsonlWriter(out, false);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (EndpointResult e : endpoints) {
                pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        writer.write(e);
                    }
                });
            }
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(endpoints.size() * perThread, lines.length);
        for (String line : lines) {
            assertTrue(endpoints.contains(Json.mapper().readValue(line, EndpointResult.class)));
        }
    }
}
