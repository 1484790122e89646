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
}
