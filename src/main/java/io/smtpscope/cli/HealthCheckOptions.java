package io.smtpscope.cli;

import io.smtpscope.app.HealthRecorder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Scheduled-health-check options of {@code scan}: the history database (every scan is recorded by default),
 * the monitoring-plugin mode and the Prometheus textfile. What they do is {@link HealthRecorder}'s and
 * {@link NagiosPlugin}'s job; this class only holds and checks the options.
 */
public final class HealthCheckOptions {
    @Mixin
    HistoryFileOption history;

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

    boolean nagios() {
        return nagios;
    }

    /** Checks the combination before anything is scanned. */
    void validate(ScanOutputOptions output) {
        if (noHistory && history.given()) {
            throw new UserInputException("--history and --no-history exclude each other");
        }
        if (historyDays < 0) {
            throw new UserInputException("--history-days must be 0 (keep everything) or more");
        }
        if (nagios && output.writesToStdout()) {
            throw new UserInputException("--nagios prints the plugin line on stdout: write the JSON report to a file, not '-'");
        }
    }

    HealthRecorder recorder(PrintWriter warnings) {
        return new HealthRecorder(noHistory ? Optional.empty() : Optional.of(history.path()), historyDays,
                Optional.ofNullable(prometheus), warnings);
    }
}
