package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.ShardLine;
import io.smtpscope.result.Synthetic;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging saved reports, and reading a sharded stream's start and end lines back. */
class ReportMergeTest {
    private static final Tool TOOL = new Tool("smtpscope", "test");

    @TempDir
    Path dir;

    private static EndpointResult open(String host) {
        return Synthetic.open(host, 25, "aa", Instant.parse("2027-01-01T00:00:00Z"), 30);
    }

    private static ScanReport shard(int index, int count, boolean complete, List<String> errors, EndpointResult... endpoints) {
        return new ScanReport(ScanReport.SCHEMA, TOOL, Synthetic.T0.plusSeconds(index), Synthetic.T0.plusSeconds(60 + index),
                "default", List.of(endpoints), errors, complete, List.of(), null, new Shard(index, count));
    }

    @Test
    void eachEndpointOnceFromTheLowestShardSortedWhateverTheFinishOrder() {
        EndpointResult again = Synthetic.open("a.test", 25, "aa", Instant.parse("2027-01-01T00:00:00Z"), 30,
                Synthetic.finding("LATER_RUN", io.smtpscope.result.Severity.INFO));
        ReportMerge.Merged merged = ReportMerge.merge(List.of(
                new ReportMerge.Input("b", shard(1, 2, true, List.of("list:3: bad"), open("b.test"), again)),
                new ReportMerge.Input("a", shard(0, 2, true, List.of("list:3: bad"),
                        Synthetic.open("a.test", 587, "aa", Instant.parse("2027-01-01T00:00:00Z"), 30), open("a.test")))), TOOL);
        ScanReport report = merged.report();
        assertEquals(List.of("a.test:25", "a.test:587", "b.test:25"),
                report.endpoints().stream().map(e -> e.host() + ":" + e.port()).toList());
        assertEquals(List.of(), report.endpoints().getFirst().findings(), "shard 0's a.test:25, not shard 1's");
        assertEquals(List.of("list:3: bad"), report.inputErrors());
        assertTrue(report.complete());
        assertNull(report.shard());
        assertEquals(List.of(), merged.notes());
        assertEquals(Synthetic.T0, report.startedAt());
        assertEquals(Synthetic.T0.plusSeconds(61), report.finishedAt());
    }

    @Test
    void missingShardsAreNamedAndManyAreCounted() {
        ReportMerge.Merged few = ReportMerge.merge(List.of(new ReportMerge.Input("x", shard(1, 4, true, List.of()))), TOOL);
        assertFalse(few.report().complete());
        assertTrue(few.notes().getFirst().startsWith("3 of 4 shard(s) missing: 0/4, 2/4, 3/4 "), few.notes().toString());
        assertTrue(few.report().inputErrors().contains(few.notes().getFirst()));

        ReportMerge.Merged many = ReportMerge.merge(List.of(new ReportMerge.Input("x", shard(0, 100, true, List.of()))), TOOL);
        assertTrue(many.notes().getFirst().startsWith("99 of 100 shard(s) missing: 1/100, 2/100, "), many.notes().toString());
        assertTrue(many.notes().getFirst().contains("20/100 and 79 more"), many.notes().toString());
    }

    @Test
    void anIncompleteShardMakesTheMergeIncomplete() {
        ReportMerge.Merged merged = ReportMerge.merge(List.of(new ReportMerge.Input("s0.jsonl", shard(0, 2, true, List.of())),
                new ReportMerge.Input("s1.jsonl", shard(1, 2, false, List.of()))), TOOL);
        assertFalse(merged.report().complete());
        assertTrue(merged.notes().getFirst().startsWith("s1.jsonl (shard 1/2) is incomplete"), merged.notes().toString());
    }

    @Test
    void shardsOfDifferentCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportMerge.merge(List.of(
                new ReportMerge.Input("a", shard(0, 2, true, List.of())), new ReportMerge.Input("b", shard(1, 3, true, List.of()))), TOOL));
        assertEquals("the shard files are from different sharded scans: shard counts 2 in a, 3 in b", e.getMessage());
    }

    @Test
    void reportsThatAreNoShardsMergeToo() {
        ScanReport one = Synthetic.report(Synthetic.T0, open("a.test"));
        ScanReport two = Synthetic.report(Synthetic.T0, open("a.test"), Synthetic.closed("c.test", 25, Reachability.REFUSED));
        ReportMerge.Merged merged = ReportMerge.merge(List.of(new ReportMerge.Input("1", one), new ReportMerge.Input("2", two)), TOOL);
        assertTrue(merged.report().complete());
        assertEquals(2, merged.report().endpoints().size());
    }

    // ---- reading sharded streams ----

    private Path stream(String name, List<String> lines) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String line(Object value) throws Exception {
        return Json.mapper().writeValueAsString(value);
    }

    @Test
    void anEmptyShardThatRanToItsEndIsComplete() throws Exception {
        Shard shard = new Shard(2, 4);
        Path file = stream("s2.jsonl", List.of(line(ShardLine.start(shard, TOOL, "quick", Synthetic.T0, List.of("l:1: bad"))),
                line(ShardLine.end(shard, Synthetic.T0.plusSeconds(5), 0))));
        ScanReport report = new ReportReader(TOOL).read(file).report();
        assertEquals(shard, report.shard());
        assertTrue(report.complete(), report.inputErrors().toString());
        assertEquals("quick", report.profile());
        assertEquals(List.of("l:1: bad"), report.inputErrors());
        assertEquals(Synthetic.T0.plusSeconds(5), report.finishedAt());
    }

    @Test
    void aShardWhoseEndLineCountsMoreThanWasReadWasCutShort() throws Exception {
        Shard shard = new Shard(0, 2);
        List<String> lines = new ArrayList<>(List.of(line(ShardLine.start(shard, TOOL, "default", Synthetic.T0, List.of())),
                JsonlWriter.line(open("a.test")), line(ShardLine.end(shard, Synthetic.T0, 2))));
        ScanReport report = new ReportReader(TOOL).read(stream("s0.jsonl", lines)).report();
        assertFalse(report.complete());
        assertTrue(report.inputErrors().getLast().endsWith("shard 0/2 was cut short: its end line counts 2 endpoint(s), 1 read"),
                report.inputErrors().toString());
    }

    @Test
    void anEndpointAfterTheEndLineOrASecondStartIsSkipped() throws Exception {
        Shard shard = new Shard(0, 1);
        List<String> lines = List.of(line(ShardLine.start(shard, TOOL, "default", Synthetic.T0, List.of())),
                JsonlWriter.line(open("a.test")), line(ShardLine.start(shard, TOOL, "default", Synthetic.T0, List.of())),
                line(ShardLine.end(shard, Synthetic.T0, 1)), JsonlWriter.line(open("b.test")));
        SavedReport saved = new ReportReader(TOOL).read(stream("s.jsonl", lines));
        assertFalse(saved.report().complete());
        assertEquals(List.of("s.jsonl:3: unexpected shard line", "s.jsonl:5: endpoint after the shard's end line"),
                saved.skippedLines());
    }

    /** A hand-edited or hostile shard (index out of range) is no shard line: it is skipped as unreadable. */
    @Test
    void aShardLineWithAnImpossibleShardIsSkipped() throws Exception {
        List<String> lines = List.of(JsonlWriter.line(open("a.test")),
                "{\"shard\":{\"index\":5,\"count\":4},\"shard_line\":\"end\",\"endpoint_count\":1}");
        SavedReport saved = new ReportReader(TOOL).read(stream("h.jsonl", lines));
        assertNull(saved.report().shard());
        assertFalse(saved.report().complete());
        assertEquals(1, saved.skippedLines().size(), saved.skippedLines().toString());
    }
}
