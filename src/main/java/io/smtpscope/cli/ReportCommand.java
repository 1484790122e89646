package io.smtpscope.cli;

import io.smtpscope.report.ReportReader;
import io.smtpscope.report.SavedReport;
import io.smtpscope.report.UnreadableReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", header = "Build JSON, CSV or HTML reports from a saved scan.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Nothing is scanned again. --from reads a JSON report (scan --json)",
                "or a JSON Lines stream (scan --jsonl); for a stream the run's header",
                "is synthesised (see reports/FORMATS.md)."},
        footer = {"", "Examples:",
                "  smtpscope report --from reports/demo.json --html demo.html --csv demo.csv",
                "  smtpscope report --from scan.jsonl --json scan.json",
                "", ExitCodes.INFO})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "A JSON report or a JSONL stream written by smtpscope.")
    Path from;

    @Mixin
    ReportDestinationOptions output;

    @Override
    public Integer call() throws UnreadableReportException {
        PrintWriter out = spec.commandLine().getOut();
        if (!output.destinations().any()) {
            throw new UserInputException("nothing to write: give --json, --csv, --csv-findings or --html");
        }
        SavedReport saved = new ReportReader(RunOutputs.tool()).read(from);
        SkippedLines.warn(saved, spec.commandLine().getErr());
        output.write(saved.report(), out);
        return ExitCodes.OK;
    }
}
