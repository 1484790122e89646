package io.smtpscope.cli;

import io.smtpscope.report.ReportReader;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", header = "Build JSON, CSV or HTML reports from a saved scan.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Build reports from a saved scan without scanning again: read a JSON report (--json)",
                "or a JSON Lines stream (--jsonl) and write any of JSON, CSV and HTML.",
                "For JSONL input the run's header is synthesised (see reports/FORMATS.md)."},
        footer = {"", "Example: smtpscope report --from scan.jsonl --html scan.html --csv scan.csv"})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "A JSON report or a JSONL stream written by smtpscope.")
    Path from;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON report to FILE, or to stdout with '-'.")
    String json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per endpoint.")
    String csv;

    @Option(names = "--csv-findings", paramLabel = "FILE", description = "Write one CSV row per finding.")
    String csvFindings;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the self-contained HTML report.")
    String html;

    @Option(names = {"-q", "--quiet"}, description = "No human summary on stdout.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(from)) {
            throw new UserInputException("report file " + from + " does not exist or is not a file");
        }
        ScanReport report;
        try {
            report = new ReportReader(RunOutputs.tool()).read(from);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserInputException(from + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + from + ": " + e.getMessage());
        } catch (ReportReader.UnreadableReportException e) {
            throw new UserInputException(e.getMessage());
        }
        report.inputErrors().stream().filter(e -> e.startsWith(from.getFileName() + ":"))
                .forEach(e -> err.println("smtpscope: skipped " + e));
        if (json == null && csv == null && csvFindings == null && html == null) {
            throw new UserInputException("nothing to write: give --json, --csv, --csv-findings or --html");
        }
        OutputOptions output = new OutputOptions();
        output.json = json;
        output.csv = csv;
        output.csvFindings = csvFindings;
        output.html = html;
        output.quiet = quiet;
        output.write(report, out);
        return ExitCodes.OK;
    }
}
