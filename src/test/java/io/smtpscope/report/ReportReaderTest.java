package io.smtpscope.report;

import io.smtpscope.report.UnreadableReportException.Reason;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        SavedReport saved = reader.read(file);
        assertEquals(demo, saved.report());
        assertTrue(saved.skippedLines().isEmpty());
    }

    @Test
    void jsonlGetsASynthesisedHeader() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        Path file = dir.resolve("scan.jsonl");
        Files.write(file, demo.endpoints().stream().map(JsonlWriter::line).toList(), StandardCharsets.UTF_8);
        Instant modified = Instant.parse("2026-01-02T03:04:05Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));

        ScanReport read = reader.read(file).report();
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

        SavedReport saved = reader.read(file);
        ScanReport read = saved.report();
        assertEquals(demo.endpoints().size() - 1, read.endpoints().size());
        assertFalse(read.complete());
        assertEquals(1, read.inputErrors().size());
        assertTrue(read.inputErrors().getFirst().startsWith("cut.jsonl:" + demo.endpoints().size() + ": unreadable line"),
                read.inputErrors().getFirst());
        assertEquals(read.inputErrors(), saved.skippedLines());
    }

    @Test
    void aBadLineInTheMiddleIsSkippedWithItsLineNumber() throws Exception {
        List<String> lines = new ArrayList<>(ScanFixtures.demo().endpoints().stream().map(JsonlWriter::line).toList());
        lines.add(1, "{\"port\": 25}");
        lines.add(3, "not json");
        Path file = Files.write(dir.resolve("mixed.jsonl"), lines, StandardCharsets.UTF_8);

        SavedReport saved = reader.read(file);
        assertEquals(ScanFixtures.demo().endpoints(), saved.report().endpoints());
        assertEquals(2, saved.skippedLines().size(), saved.skippedLines().toString());
        assertEquals("mixed.jsonl:2: not an endpoint object", saved.skippedLines().get(0));
        assertTrue(saved.skippedLines().get(1).startsWith("mixed.jsonl:4: unreadable line ("), saved.skippedLines().get(1));
    }

    private UnreadableReportException refused(Path file) {
        return assertThrows(UnreadableReportException.class, () -> reader.read(file));
    }

    @Test
    void somethingElseIsAClearError() throws Exception {
        UnreadableReportException empty = refused(Files.writeString(dir.resolve("empty.json"), "\n\n"));
        assertEquals(Reason.EMPTY, empty.reason());
        assertTrue(empty.getMessage().endsWith("empty.json is empty"), empty.getMessage());

        UnreadableReportException text = refused(Files.writeString(dir.resolve("notes.txt"), "hello\n"));
        assertEquals(Reason.NOT_A_REPORT, text.reason());
        assertTrue(text.getMessage().contains("notes.txt is not a smtpscope JSON report or JSONL stream (line 1): "),
                text.getMessage());

        UnreadableReportException other = refused(Files.writeString(dir.resolve("other.json"), "{\"name\": 1}\n{\"x\": 2}"));
        assertEquals(Reason.NOT_A_REPORT, other.reason(), "trailing content after one JSON value: " + other.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        UnreadableReportException e = refused(dir.resolve("nope.json"));
        assertEquals(Reason.MISSING, e.reason());
        assertEquals("report file " + dir.resolve("nope.json") + " does not exist or is not a file", e.getMessage());
        assertEquals(Reason.MISSING, refused(dir).reason(), "a directory is not a report");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeParsing() throws Exception {
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(ScanFixtures.demo(), json);
        Path file = Files.writeString(dir.resolve("big.json"), json.toString());
        long size = Files.size(file);
        ReportReader small = new ReportReader(new Tool("smtpscope", "reader-test"), size - 1, Clock.systemUTC());
        UnreadableReportException e = assertThrows(UnreadableReportException.class, () -> small.read(file));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("report file " + file + " is larger than " + (size - 1) + " bytes", e.getMessage());
        assertEquals(ScanFixtures.demo(), new ReportReader(new Tool("smtpscope", "reader-test"), size, Clock.systemUTC())
                .read(file).report(), "exactly at the limit is fine");
        UnreadableReportException piped = assertThrows(UnreadableReportException.class,
                () -> small.read(new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)), "stdin"));
        assertEquals(Reason.TOO_LARGE, piped.reason());
    }

    @Test
    void anotherSchemaIsNotThisToolsReport() throws Exception {
        UnreadableReportException e = refused(Files.writeString(dir.resolve("v2.json"),
                "{\"schema\": \"smtpscope/report/v2\", \"endpoints\": []}"));
        assertEquals(Reason.WRONG_SCHEMA, e.reason());
        assertTrue(e.getMessage().contains("expected \"schema\": \"" + ScanReport.SCHEMA + "\", found \"smtpscope/report/v2\""),
                e.getMessage());
        assertEquals(Reason.WRONG_SCHEMA, refused(Files.writeString(dir.resolve("none.json"), "{\"endpoints\": []}")).reason());
    }

    @Test
    void anEndpointWithoutItsKeyFieldsIsRefused() throws Exception {
        String json = "{\"schema\": \"" + ScanReport.SCHEMA + "\", \"endpoints\": [{\"port\": 25}]}";
        UnreadableReportException e = refused(Files.writeString(dir.resolve("partial.json"), json));
        assertEquals(Reason.INCOMPLETE_ENDPOINT, e.reason());
        assertTrue(e.getMessage().endsWith("partial.json: endpoint 1 lacks host, mode or reachability"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreSaidToBeSo() throws Exception {
        String line = JsonlWriter.line(ScanFixtures.demo().endpoints().getFirst());
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        broken[bytes.length] = (byte) 0xC3; // a lone lead byte, then a newline
        broken[bytes.length + 1] = '\n';
        UnreadableReportException e = refused(Files.write(dir.resolve("latin.jsonl"), broken));
        assertEquals(Reason.NOT_UTF8, e.reason());
    }

    @Test
    void standardInputJsonlIsDatedWhenRead() throws Exception {
        Instant now = Instant.parse("2026-03-04T05:06:07Z");
        ReportReader stdin = new ReportReader(new Tool("smtpscope", "reader-test"), ReportReader.DEFAULT_MAX_BYTES,
                Clock.fixed(now, ZoneOffset.UTC));
        String jsonl = String.join("\n", ScanFixtures.demo().endpoints().stream().map(JsonlWriter::line).toList());
        ScanReport read = stdin.read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "stdin").report();
        assertEquals(now, read.startedAt());
        assertEquals(ScanFixtures.demo().endpoints(), read.endpoints());
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
