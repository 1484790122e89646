package io.smtpscope.cli;

import io.smtpscope.report.AtomicFiles;
import io.smtpscope.report.ConsoleSummary;
import io.smtpscope.report.JsonReportWriter;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Report outputs shared by the commands that produce a report. {@code -} means standard output. */
public final class OutputOptions {
    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON report (smtpscope/report/v1) to FILE, or to stdout with '-'.")
    String json;

    @Option(names = {"-q", "--quiet"}, description = "No human summary on stdout.")
    boolean quiet;

    boolean writesToStdout() {
        return "-".equals(json);
    }

    void write(ScanReport report, PrintWriter out) {
        try {
            if (json != null) {
                if (writesToStdout()) {
                    new JsonReportWriter().write(report, out);
                } else {
                    AtomicFiles.write(Path.of(json), o -> new JsonReportWriter().write(report, o));
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write the JSON report to " + json + ": " + e.getMessage());
        }
        if (!quiet && !writesToStdout()) {
            new ConsoleSummary().write(report, out);
        }
    }
}
