package io.smtpscope.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad --shard is a usage error (exit 2, one clear line), found before any target is read or resolved. */
class ShardOptionCliTest {
    @Test
    void anIndexOutOfRangeIsRefused() {
        CliRun r = CliRun.of("scan", "--shard", "4/4", "nowhere.invalid");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--shard: shard index must be between 0 and 3 (0-based, as JOB_COMPLETION_INDEX), got 4"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aZeroCountIsRefused() {
        CliRun r = CliRun.of("scan", "--shard", "0/0", "nowhere.invalid");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--shard: shard count must be between 1 and 100000, got 0"), r.err());
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] {"two/four", "1", "1/", "/4", "-1/4", "1/4/8", "$(JOB_COMPLETION_INDEX)/4"}) {
            CliRun r = CliRun.of("scan", "--shard", garbage, "nowhere.invalid");
            assertEquals(2, r.exit(), garbage + ": " + r);
            assertTrue(r.err().contains("--shard: expected INDEX/COUNT such as 0/4 (INDEX 0-based)"), r.err());
        }
    }

    /** Checked before the targets: a bad shard with an unreadable target file names the shard. */
    @Test
    void theShardIsCheckedFirst() {
        CliRun r = CliRun.of("scan", "--shard", "9/4", "-i", "/nonexistent/targets.txt");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--shard"), r.err());
    }

    @Test
    void reportRefusesAFolderWithoutReports(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CliRun r = CliRun.of("report", "--from", dir.toString(), "--json", dir.resolve("out.json").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("the folder holds no .json or .jsonl file"), r.err());
    }

    /** A Job pod's exit status must mean "the scan ran": --fail-on never exits 0 whatever the findings. */
    @Test
    void failOnNeverExitsZeroWhereFindingsWouldExitOne() {
        CliRun strict = CliRun.of("judge", "-q", "reports/examples/demo.json");
        assertEquals(1, strict.exit(), "the demo report has failing findings: " + strict);
        CliRun never = CliRun.of("judge", "-q", "--fail-on", "never", "reports/examples/demo.json");
        assertEquals(0, never.exit(), never.toString());
    }

    /**
     * A shard stopped by SIGTERM (the shutdown hook's partial report): its JSON report names the shard and is
     * incomplete, its stream has no end line, and merging it says it was cut short and which shards are missing.
     */
    @Test
    void anInterruptedShardIsCutShortAndItsMergeSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.smtpscope.result.ScanReport demo = io.smtpscope.report.Json.mapper()
                .readValue(java.nio.file.Path.of("reports/examples/demo.json").toFile(), io.smtpscope.result.ScanReport.class);
        ScanOutputOptions options = new ScanOutputOptions();
        options.json = dir.resolve("shard-1.json").toString();
        options.jsonl = dir.resolve("shard-1.jsonl").toString();
        options.quiet = true;
        java.time.Instant started = java.time.Instant.parse("2026-01-01T00:00:00Z");
        io.smtpscope.target.Shard shard = new io.smtpscope.target.Shard(1, 3);
        try (RunOutputs outputs = RunOutputs.open(options, RunOutputs.header(started, "default", java.util.List.of()).withShard(shard),
                java.time.Clock.systemUTC(), new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter(), true))) {
            outputs.finished(demo.endpoints().get(0));
            outputs.finished(demo.endpoints().get(1));
            outputs.writePartial();
        }
        io.smtpscope.result.ScanReport partial = io.smtpscope.report.Json.mapper()
                .readValue(dir.resolve("shard-1.json").toFile(), io.smtpscope.result.ScanReport.class);
        assertEquals(shard, partial.shard());
        assertFalse(partial.complete());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("shard-1.jsonl"));
        assertEquals(3, lines.size(), "start line and two endpoints, no end line: " + lines);
        assertTrue(lines.getFirst().startsWith("{\"shard\":{\"index\":1,\"count\":3},\"shard_line\":\"start\""), lines.getFirst());

        CliRun r = CliRun.of("report", "--from", dir.resolve("shard-1.jsonl").toString(), "--json", dir.resolve("m.json").toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("shard 1/3 was cut short: no end line"), r.err());
        assertTrue(r.err().contains("2 of 3 shard(s) missing: 0/3, 2/3"), r.err());
        io.smtpscope.result.ScanReport merged = io.smtpscope.report.Json.mapper()
                .readValue(dir.resolve("m.json").toFile(), io.smtpscope.result.ScanReport.class);
        assertFalse(merged.complete());
        assertEquals(2, merged.endpoints().size());
    }
}
