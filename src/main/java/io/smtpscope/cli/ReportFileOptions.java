package io.smtpscope.cli;

import io.smtpscope.report.AtomicFiles;
import io.smtpscope.report.ConsoleSummary;
import io.smtpscope.report.JsonReportWriter;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The whole-run report files every report-producing command writes: JSON, CSV, HTML ({@code -} means standard
 * output for JSON). Commands that scan add the stream and progress options ({@link OutputOptions}).
 */
public class ReportFileOptions {
    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON report (smtpscope/report/v1) to FILE, or to stdout with '-'.")
    String json;

    @Option(names = {"-q", "--quiet"}, description = "No human summary on stdout.")
    boolean quiet;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per endpoint (columns: reports/FORMATS.md).")
    String csv;

    @Option(names = "--csv-findings", paramLabel = "FILE", description = "Write one CSV row per finding.")
    String csvFindings;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the self-contained HTML report.")
    String html;

    boolean writesToStdout() {
        return "-".equals(json);
    }

    /** True when some whole-run output (not the stream) is wanted: results must be kept for it. */
    boolean wantsReportFiles() {
        return json != null || csv != null || csvFindings != null || html != null;
    }

    void write(ScanReport report, PrintWriter out) {
        writeReports(report, out);
        if (!quiet && !writesToStdout()) {
            new ConsoleSummary().write(report, out);
        }
    }

    /** Writes every requested whole-run report (JSON, CSV, HTML); files atomically, '-' to {@code out}. */
    void writeReports(ScanReport report, PrintWriter out) {
        if (json != null) {
            try {
                if ("-".equals(json)) {
                    new JsonReportWriter().write(report, out);
                } else {
                    AtomicFiles.write(Path.of(json), o -> new JsonReportWriter().write(report, o));
                }
            } catch (IOException e) {
                throw new UserInputException("cannot write the JSON report to " + json + ": " + AtomicFiles.describe(e));
            }
        }
        ReportFiles.write(report, csv, csvFindings, html);
    }
}
