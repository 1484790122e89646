package io.smtpscope.cli;

import io.smtpscope.report.Json;
import io.smtpscope.report.ReportReader;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The outputs of one run, through the real command line in-process. */
class OutputsCliTest {
    @TempDir
    static Path dir;

    private static Result demo;

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @BeforeAll
    static void runDemoWithEveryOutput() throws java.io.IOException {
        Files.createDirectories(dir.resolve("out")); // a folder the user names must exist
        demo = run("demo", "--json", dir.resolve("demo.json").toString(), "--csv", dir.resolve("demo.csv").toString(),
                "--csv-findings", dir.resolve("findings.csv").toString(), "--html", dir.resolve("out/demo.html").toString(),
                "--jsonl", dir.resolve("demo.jsonl").toString(), "-v");
    }

    /**
     * One rule for every report (reports/FORMATS.md): a new file gets the mode any new file gets, streamed or written
     * at once; a report written over an existing file keeps that file's mode.
     */
    @Test
    void everyReportFollowsOneModeRule() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        assertEquals(0, demo.status(), demo.err());
        Path reference = dir.resolve("reference-by-umask");
        Files.newOutputStream(reference).close();
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(reference);
        for (String name : List.of("demo.json", "demo.csv", "findings.csv", "out/demo.html", "demo.jsonl")) {
            assertEquals(umaskMode, Files.getPosixFilePermissions(dir.resolve(name)), name);
        }
        Path again = Files.createDirectories(dir.resolve("again"));
        List<String> names = List.of("r.json", "r.csv", "f.csv", "r.html");
        for (String name : names) {
            Files.createFile(again.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        }
        Result report = run("report", "--from", dir.resolve("demo.jsonl").toString(), "-q", "--json", again.resolve("r.json").toString(),
                "--csv", again.resolve("r.csv").toString(), "--csv-findings", again.resolve("f.csv").toString(),
                "--html", again.resolve("r.html").toString());
        assertEquals(0, report.status(), report.err());
        for (String name : names) {
            assertTrue(Files.size(again.resolve(name)) > 0, name);
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(again.resolve(name))), name);
        }
    }

    @Test
    void oneRunWritesEveryRequestedFormat() throws Exception {
        assertEquals(0, demo.status(), demo.err());
        ScanReport json = Json.mapper().readValue(dir.resolve("demo.json").toFile(), ScanReport.class);
        assertEquals(6, json.endpoints().size()); // five servers, one of them again as the demo domain's MX
        assertTrue(json.complete());
        List<String> lines = Files.readAllLines(dir.resolve("demo.jsonl"));
        assertEquals(6, lines.size());
        for (String line : lines) {
            assertTrue(json.endpoints().contains(Json.mapper().readValue(line, EndpointResult.class)));
        }
        try (CSVParser csv = CSVParser.parse(dir.resolve("demo.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(6, csv.getRecords().size());
        }
        long findings = json.endpoints().stream().mapToLong(e -> e.findings().size()).sum()
                + json.domains().stream().mapToLong(d -> d.findings().size()).sum(); // domain findings: mx:DOMAIN rows
        assertEquals(findings + 1, Files.readAllLines(dir.resolve("findings.csv")).size());
        String html = Files.readString(dir.resolve("out/demo.html"));
        assertTrue(html.contains("mail.careless.test"));
        try (var leftovers = Files.list(dir)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void verboseAddsTimingsAndTranscriptsToTheSummaryWithoutRepeatingIt() {
        assertEquals(6, demo.out().lines().filter(l -> l.strip().equals("transcript")).count(), demo.out());
        assertTrue(demo.out().contains("timings") && demo.out().contains("S: 220 mail.good.test"), demo.out());
        assertEquals(0, demo.err().lines().filter(l -> l.matches("\\[\\d/5] .*")).count(), "no second copy on stderr: " + demo.err());
        assertFalse(demo.err().contains("\r"), "no live progress line when stderr is not a terminal");
    }

    @Test
    void reportCommandRebuildsEveryFormatFromJsonl() throws Exception {
        Path html = dir.resolve("again.html");
        Path csv = dir.resolve("again.csv");
        Path json = dir.resolve("again.json");
        Result r = run("report", "--from", dir.resolve("demo.jsonl").toString(), "--html", html.toString(),
                "--csv", csv.toString(), "--json", json.toString(), "-q");
        assertEquals(0, r.status(), r.err());
        ScanReport rebuilt = Json.mapper().readValue(json.toFile(), ScanReport.class);
        ScanReport original = Json.mapper().readValue(dir.resolve("demo.json").toFile(), ScanReport.class);
        assertEquals(ReportReader.JSONL_PROFILE, rebuilt.profile());
        assertEquals(original.endpoints().size(), rebuilt.endpoints().size());
        assertTrue(original.endpoints().containsAll(rebuilt.endpoints()));
        assertEquals(Files.readAllLines(dir.resolve("demo.csv")).size(), Files.readAllLines(csv).size());
        assertTrue(Files.readString(html).contains("mail.firewalled.test"));
        assertEquals("", r.out(), "quiet");
    }

    @Test
    void reportCommandRebuildsTheSameCsvFromJson() throws Exception {
        Path csv = dir.resolve("from-json.csv");
        Result r = run("report", "--from", dir.resolve("demo.json").toString(), "--csv", csv.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(dir.resolve("demo.csv")), Files.readString(csv));
        assertTrue(r.out().contains("6 endpoint(s)"), "summary printed: " + r.out());
    }

    @Test
    void reportCommandErrorsAreOneClearLine() throws Exception {
        Result missing = run("report", "--from", dir.resolve("nope.json").toString(), "--html", "x.html");
        assertEquals(ExitCodes.USAGE, missing.status());
        assertTrue(missing.err().startsWith("smtpscope: report file"), missing.err());
        Path junk = Files.writeString(dir.resolve("junk.json"), "not json at all");
        Result bad = run("report", "--from", junk.toString(), "--html", dir.resolve("x.html").toString());
        assertEquals(ExitCodes.USAGE, bad.status());
        assertFalse(bad.err().contains("\tat "), "no stack trace");
        Result nothing = run("report", "--from", dir.resolve("demo.json").toString());
        assertEquals(ExitCodes.USAGE, nothing.status());
        assertTrue(nothing.err().contains("nothing to write"));
        Result dash = run("report", "--from", dir.resolve("demo.json").toString(), "--html", "-");
        assertEquals(ExitCodes.USAGE, dash.status());
    }

    @Test
    void interruptedRunWritesWhatFinishedMarkedIncomplete() throws Exception {
        ScanReport finished = Json.mapper().readValue(dir.resolve("demo.json").toFile(), ScanReport.class);
        ScanOutputOptions options = new ScanOutputOptions();
        options.json = dir.resolve("partial.json").toString();
        options.html = dir.resolve("partial.html").toString();
        options.csv = dir.resolve("partial.csv").toString();
        options.jsonl = dir.resolve("partial.jsonl").toString();
        options.quiet = true;
        StringWriter err = new StringWriter();
        Instant started = Instant.parse("2026-01-01T00:00:00Z");
        try (RunOutputs outputs = RunOutputs.open(options, RunOutputs.header(started, "default", List.of("in:3: bad")),
                Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err, true))) {
            outputs.planned(5);
            outputs.finished(finished.endpoints().get(0));
            outputs.finished(finished.endpoints().get(1));
            outputs.writePartial(); // what the shutdown hook does on Ctrl-C / SIGTERM
            outputs.finished(finished.endpoints().get(2)); // a probe finishing during shutdown changes nothing
            outputs.completed(finished); // and the normal end, if it still comes, does not overwrite
        }
        ScanReport partial = Json.mapper().readValue(dir.resolve("partial.json").toFile(), ScanReport.class);
        assertFalse(partial.complete());
        assertEquals(finished.endpoints().subList(0, 2), partial.endpoints());
        assertEquals(started, partial.startedAt());
        assertEquals(List.of("in:3: bad"), partial.inputErrors());
        assertEquals(2, Files.readAllLines(dir.resolve("partial.jsonl")).size());
        assertEquals(3, Files.readAllLines(dir.resolve("partial.csv")).size());
        assertTrue(Files.readString(dir.resolve("partial.html")).contains("class=\"incomplete\""));
        assertTrue(err.toString().contains("interrupted: wrote the 2 finished endpoint(s)"), err.toString());
    }

    @Test
    void scanStreamsJsonlToStdout() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Result r = run("scan", "127.0.0.1:" + closed + "/starttls", "--jsonl", "-");
        assertEquals(1, r.status(), "the host's only mail port refused: NO_MAIL_PORT_REACHABLE fails " + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), "only the JSON line on stdout, no summary: " + r.out());
        EndpointResult e = Json.mapper().readValue(lines.getFirst(), EndpointResult.class);
        assertEquals(closed, e.port());
        assertEquals("refused", e.reachability().label());
    }

    @Test
    void twoStreamsOnStdoutAreRefused() {
        Result r = run("scan", "127.0.0.1:1/starttls", "--json", "-", "--jsonl", "-");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("cannot both write to stdout"), r.err());
    }
}
