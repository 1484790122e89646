package io.smtpscope.cli;

import io.smtpscope.history.HistoryException;
import io.smtpscope.history.HistoryLocation;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.monitor.NagiosCheck;
import io.smtpscope.monitor.NagiosStatus;
import io.smtpscope.monitor.PrometheusTextFile;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Scheduled-health-check outputs of {@code scan}: the history database, the monitoring-plugin mode and the
 * Prometheus textfile. Every scan is recorded in the history by default (one small SQLite transaction per
 * run); a history that cannot be written is a warning on stderr, never a failed check.
 */
public final class HealthOptions {
    @Option(names = "--history", paramLabel = "FILE", description = "Record this run in the history database FILE "
            + "(default: $XDG_DATA_HOME/smtpscope/history.db or ~/.local/share/smtpscope/history.db).")
    Path history;

    @Option(names = "--no-history", description = "Do not record this run in the history database.")
    boolean noHistory;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "400", description = "Drop runs older than "
            + "DAYS from the history when recording (default: ${DEFAULT-VALUE}; 0 keeps everything).")
    int historyDays;

    @Option(names = "--nagios", description = "Behave as a monitoring plugin (Nagios, Icinga, Checkmk, Zabbix): "
            + "print one status line with performance data and exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN "
            + "(replaces the exit statuses below).")
    boolean nagios;

    @Option(names = "--prometheus", paramLabel = "FILE", description = "Write the metrics in the Prometheus text format "
            + "to FILE (atomically), for node_exporter's textfile collector (name it *.prom).")
    Path prometheus;

    /** The last report this command produced: {@code watch} reads it after each run. */
    ScanReport lastReport;

    /** Where history goes, or null with {@code --no-history}. */
    Path historyPath() {
        if (noHistory && history != null) {
            throw new UserInputException("--history and --no-history exclude each other");
        }
        return noHistory ? null : history != null ? history : HistoryLocation.defaultPath();
    }

    /** Checks the combination before anything is scanned. */
    void validate(OutputOptions output) {
        historyPath();
        if (historyDays < 0) {
            throw new UserInputException("--history-days must be 0 (keep everything) or more");
        }
        if (nagios && output.writesToStdout()) {
            throw new UserInputException("--nagios prints the plugin line on stdout: write the JSON report to a file, not '-'");
        }
    }

    /** Records the run and writes the textfile; problems become warnings on {@code err}. */
    void afterScan(ScanReport report, PrintWriter err) {
        lastReport = report;
        Path path = historyPath();
        if (path != null) {
            try (HistoryStore store = HistoryStore.open(path)) {
                store.record(report);
                if (historyDays > 0) {
                    store.prune(report.startedAt().minus(java.time.Duration.ofDays(historyDays)));
                }
            } catch (HistoryException e) {
                err.println("smtpscope: warning: run not recorded in the history: " + e.getMessage());
            }
        }
        if (prometheus != null) {
            try {
                PrometheusTextFile.write(report, prometheus);
            } catch (IOException e) {
                err.println("smtpscope: warning: cannot write the Prometheus file " + prometheus + ": " + e.getMessage());
            }
        }
        err.flush();
    }

    /** The monitoring-plugin ending of a scan: the JSON file if asked, the status line, the plugin exit code. */
    int nagiosResult(ScanReport report, Profile profile, PrintWriter out) {
        NagiosCheck.Result result = new NagiosCheck().evaluate(report, profile.judge());
        out.println(result.line());
        out.flush();
        return result.status().exitCode();
    }

    /**
     * Runs a scan as a monitoring plugin: whatever goes wrong (bad input included) is UNKNOWN with one
     * line of text, as the plugin guidelines ask, instead of the usual exit 2 or 3.
     */
    static int asPlugin(PrintWriter out, Callable<Integer> scan) {
        try {
            return scan.call();
        } catch (Exception e) {
            String message = e instanceof UserInputException ? e.getMessage() : "internal error: " + e;
            out.println("SMTP UNKNOWN - " + message.replace('|', '/').replaceAll("\\p{Cntrl}", " "));
            out.flush();
            return NagiosStatus.UNKNOWN.exitCode();
        }
    }
}
