package io.smtpscope.cli;

import io.smtpscope.report.ReportReader;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ReportFileOptions output;

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
        if (!output.wantsReportFiles()) {
            throw new UserInputException("nothing to write: give --json, --csv, --csv-findings or --html");
        }
        output.write(report, out);
        return ExitCodes.OK;
    }
}
