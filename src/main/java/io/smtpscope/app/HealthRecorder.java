package io.smtpscope.app;

import io.smtpscope.history.HistoryException;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.monitor.PrometheusTextFile;
import io.smtpscope.mtasts.PolicyHistory;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.ScanReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The scheduled-health-check records of a run: the history database (one small SQLite transaction per run,
 * then retention) and the Prometheus textfile. A record that cannot be written is a warning, never a failed
 * check: the scan itself succeeded, and monitoring should see its result.
 */
public final class HealthRecorder {
    private final Optional<Path> history;
    private final int historyDays;
    private final Optional<Path> prometheus;
    private final PrintWriter warnings;

    /**
     * {@code history}: the database to record in (empty: not recorded); {@code historyDays}: drop runs older
     * than that many days when recording (0 keeps everything); {@code prometheus}: the textfile to rewrite.
     */
    public HealthRecorder(Optional<Path> history, int historyDays, Optional<Path> prometheus, PrintWriter warnings) {
        if (historyDays < 0) {
            throw new IllegalArgumentException("history retention must be 0 (keep everything) or more days");
        }
        this.history = history;
        this.historyDays = historyDays;
        this.prometheus = prometheus;
        this.warnings = warnings;
    }

    /** Records nothing (the demo, tests). */
    public static HealthRecorder none() {
        return new HealthRecorder(Optional.empty(), 0, Optional.empty(), new PrintWriter(PrintWriter.nullWriter()));
    }

    /**
     * Starts the records of one run. The history database opens now, on a thread of its own, while the scan runs:
     * the first use of SQLite in a process (its native library, the JDBC driver, the schema check) cost ~0.1 s,
     * a tenth of a one-endpoint scan's whole process when it came after the report (docs/performance.md).
     */
    public Run start() {
        return new Run();
    }

    /** {@link Run#withMtaStsHistory} for a report outside a run's records (tests). */
    public ScanReport withMtaStsHistory(ScanReport report, Profile profile) {
        try (Run run = start()) {
            return run.withMtaStsHistory(report, profile);
        }
    }

    /** {@link Run#record} for a report outside a run's records (tests). */
    public void record(ScanReport report) {
        try (Run run = start()) {
            run.record(report);
        }
    }

    /** One run's records, its history database opening in the background; closing it closes the database. */
    public final class Run implements AutoCloseable {
        /** Empty without a history; completes exceptionally (a {@link HistoryException}) when it cannot be opened. */
        private final Optional<CompletableFuture<HistoryStore>> store;

        private Run() {
            store = history.map(path -> CompletableFuture.supplyAsync(() -> HistoryStore.open(path), task -> {
                Thread opener = new Thread(task, "smtpscope-history-open");
                opener.setDaemon(true);
                opener.start();
            }));
        }

        /**
         * The report with, for each mail domain whose MTA-STS policy changed since the last recorded run while its
         * id did not, the finding {@code MTA_STS_ID_UNCHANGED} (on the domain and its {@code mta_sts}). Unchanged
         * without a history, or when the history cannot be read (a warning: the comparison is lost, the scan is not).
         */
        public ScanReport withMtaStsHistory(ScanReport report, Profile profile) {
            if (store.isEmpty() || report.domains().stream().allMatch(d -> d.mtaSts() == null)) {
                return report;
            }
            try {
                HistoryStore history = opened(store.get());
                List<DomainResult> domains = new ArrayList<>();
                for (DomainResult d : report.domains()) {
                    MtaStsResult previous = d.mtaSts() == null ? null : history.lastMtaSts(d.domain()).orElse(null);
                    List<Finding> changed = PolicyHistory.compare(previous, d.mtaSts(),
                            new DomainFindings(FindingCatalogue.bundled(), profile.judge(), d.domain()));
                    if (changed.isEmpty()) {
                        domains.add(d);
                        continue;
                    }
                    List<Finding> all = new ArrayList<>(d.findings());
                    all.addAll(changed);
                    domains.add(d.withMtaSts(d.mtaSts().withMxCoverage(d.mtaSts().mxCoverage(), changed))
                            .judged(d.verdict(), all));
                }
                return report.withDomains(domains);
            } catch (HistoryException e) {
                warnings.println("smtpscope: warning: MTA-STS not compared with the history: " + e.getMessage());
                return report;
            }
        }

        /** Records the run in the history (then drops runs past the retention) and rewrites the Prometheus file. */
        public void record(ScanReport report) {
            store.ifPresent(opening -> recordHistory(report, opening));
            prometheus.ifPresent(path -> writeMetrics(report, path));
            warnings.flush();
        }

        private void recordHistory(ScanReport report, CompletableFuture<HistoryStore> opening) {
            try {
                HistoryStore history = opened(opening);
                history.record(report);
                if (historyDays > 0) {
                    history.prune(report.startedAt().minus(Duration.ofDays(historyDays)));
                }
            } catch (HistoryException e) {
                warnings.println("smtpscope: warning: run not recorded in the history: " + e.getMessage());
            }
        }

        /** Closes the database, at once if it is open, else on the opening thread as soon as it is. */
        @Override
        public void close() {
            store.ifPresent(opening -> opening.thenAccept(HistoryStore::close));
        }
    }

    /** The opened store; what the opening thread threw, rethrown here. */
    private static HistoryStore opened(CompletableFuture<HistoryStore> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void writeMetrics(ScanReport report, Path path) {
        try {
            PrometheusTextFile.write(report, path);
        } catch (IOException e) {
            warnings.println("smtpscope: warning: cannot write the Prometheus file " + path + ": " + e.getMessage());
        }
    }
}
