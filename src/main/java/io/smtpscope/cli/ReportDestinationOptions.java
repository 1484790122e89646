package io.smtpscope.cli;

import io.smtpscope.report.ConsoleReport;
import io.smtpscope.report.ConsoleSummary;
import io.smtpscope.report.ReportDestinations;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * Where the whole-run reports go ({@code --json}, {@code --csv}, {@code --csv-findings}, {@code --html}) and
 * whether the human summary is printed ({@code -q}): shared by every command that produces a report. Commands
 * that scan add the stream and progress options ({@link ScanOutputOptions}).
 */
public class ReportDestinationOptions {
    @Option(names = "--json", paramLabel = "FILE|-", arity = "0..1", fallbackValue = JsonValue.STDOUT,
            preprocessor = JsonValue.FileOrStdout.class,
            description = "Write the JSON report (smtpscope/report/v1) to FILE; alone or with '-', to stdout.")
    String json;

    @Option(names = {"-q", "--quiet"}, description = "No human summary on stdout.")
    boolean quiet;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per endpoint (columns: reports/FORMATS.md).")
    String csv;

    @Option(names = "--csv-findings", paramLabel = "FILE", description = "Write one CSV row per finding.")
    String csvFindings;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the self-contained HTML report.")
    String html;

    @Option(names = "--brief", description = "Human summary as one line per endpoint (worst finding only), without explanations and fixes.")
    boolean brief;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", converter = ColorChoice.Converter.class,
            description = "Colour severities on stdout: auto (on a terminal, unless NO_COLOR is set), always, never (default: ${DEFAULT-VALUE}).")
    ColorChoice color = ColorChoice.AUTO;

    ReportDestinations destinations() {
        return new ReportDestinations(json, csv, csvFindings, html);
    }

    /** True when the command's stdout carries data, so no human text may go there. */
    boolean writesToStdout() {
        return destinations().jsonToStdout();
    }

    /** The reports, then the human summary unless quiet or stdout carries data. */
    void write(ScanReport report, PrintWriter out) {
        destinations().write(report, out);
        console(report, out, false);
    }

    /**
     * The human summary, unless quiet or stdout carries data: one line per endpoint with {@code --brief},
     * else the report that explains (with timings and transcripts when {@code verbose}).
     */
    void console(ScanReport report, PrintWriter out, boolean verbose) {
        if (quiet || writesToStdout()) {
            return;
        }
        if (brief) {
            new ConsoleSummary().write(report, out);
        } else {
            new ConsoleReport(verbose, color.style(System.getenv(), Terminal.isTerminal(1))).write(report, out);
        }
    }
}
