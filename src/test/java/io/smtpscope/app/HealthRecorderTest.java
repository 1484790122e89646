package io.smtpscope.app;

import io.smtpscope.history.HistoryStore;
import io.smtpscope.result.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static io.smtpscope.result.Synthetic.T0;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthRecorderTest {
    @TempDir
    Path dir;

    private final StringWriter warnings = new StringWriter();

    private HealthRecorder recorder(Optional<Path> history, int days, Optional<Path> prometheus) {
        return new HealthRecorder(history, days, prometheus, new PrintWriter(warnings, true));
    }

    private static ScanReport run(Duration after) {
        return report(T0.plus(after), open("mx.a.test", 25, "a".repeat(64), T0.plus(Duration.ofDays(90)), 90));
    }

    @Test
    void recordsEachRunAndDropsRunsOlderThanTheRetention() {
        Path db = dir.resolve("history.db");
        HealthRecorder recorder = recorder(Optional.of(db), 30, Optional.empty());
        recorder.record(run(Duration.ZERO));
        recorder.record(run(Duration.ofDays(10)));
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(2, store.lastReports(10).size());
        }
        recorder.record(run(Duration.ofDays(35)));
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(2, store.lastReports(10).size(), "the first run is more than 30 days older than the last");
            assertEquals(T0.plus(Duration.ofDays(35)), store.lastReports(1).get(0).startedAt());
        }
        assertEquals("", warnings.toString());
    }

    @Test
    void zeroDaysKeepsEverything() {
        Path db = dir.resolve("history.db");
        HealthRecorder recorder = recorder(Optional.of(db), 0, Optional.empty());
        recorder.record(run(Duration.ZERO));
        recorder.record(run(Duration.ofDays(3650)));
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(2, store.lastReports(10).size());
        }
    }

    @Test
    void writesThePrometheusTextfile() throws Exception {
        Path prom = dir.resolve("smtpscope.prom");
        recorder(Optional.empty(), 400, Optional.of(prom)).record(run(Duration.ZERO));
        assertTrue(Files.readString(prom).contains("smtpscope_up{"), Files.readString(prom));
        assertFalse(Files.exists(dir.resolve("history.db")));
    }

    @Test
    void aRecordThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        Path notADatabase = Files.createDirectory(dir.resolve("history.db"));
        Path promInMissingDir = dir.resolve("file").resolve("smtpscope.prom");
        Files.writeString(dir.resolve("file"), "a file where a directory should be");
        recorder(Optional.of(notADatabase), 400, Optional.of(promInMissingDir)).record(run(Duration.ZERO));
        assertTrue(warnings.toString().contains("smtpscope: warning: run not recorded in the history: "), warnings.toString());
        assertTrue(warnings.toString().contains("smtpscope: warning: cannot write the Prometheus file " + promInMissingDir),
                warnings.toString());
    }

    @Test
    void theHistoryOpensBeforeTheRunIsRecordedAndClosesWithTheRun() throws Exception {
        Path db = dir.resolve("history.db");
        HealthRecorder recorder = recorder(Optional.of(db), 0, Optional.empty());
        try (HealthRecorder.Run records = recorder.start()) {
            // No report exists yet: the database is created by the opening thread, while a scan would run.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(db) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(Files.exists(db), "the history database is opened as soon as the run starts");
            records.record(run(Duration.ZERO));
            records.record(run(Duration.ofDays(1)));
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(2, store.lastReports(10).size(), "both records went through the one store the run opened");
        }
        assertEquals("", warnings.toString());
    }

    @Test
    void aHistoryThatCannotBeOpenedWarnsOnEveryUseAndStillCloses() throws Exception {
        Path notADatabase = Files.createDirectory(dir.resolve("history.db"));
        try (HealthRecorder.Run records = recorder(Optional.of(notADatabase), 0, Optional.empty()).start()) {
            records.record(run(Duration.ZERO));
            records.record(run(Duration.ofDays(1)));
        }
        String text = warnings.toString();
        assertEquals(2, text.split("smtpscope: warning: run not recorded in the history: ", -1).length - 1, text);
        assertTrue(text.contains("is a directory"), text);
    }

    @Test
    void negativeRetentionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> recorder(Optional.empty(), -1, Optional.empty()));
    }
}
