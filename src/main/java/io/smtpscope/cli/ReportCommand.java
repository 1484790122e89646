package io.smtpscope.cli;

import io.smtpscope.app.ReportMerger;
import io.smtpscope.report.ReportMerge;
import io.smtpscope.report.ReportReader;
import io.smtpscope.report.SavedReport;
import io.smtpscope.report.UnreadableReportException;
import io.smtpscope.result.ScanReport;
import io.smtpscope.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "report", header = "Build JSON, CSV or HTML reports from a saved scan.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Nothing is scanned again. --from reads a JSON report (scan --json)",
                "or a JSON Lines stream (scan --jsonl); for a stream the run's header",
                "is synthesised (see reports/FORMATS.md).",
                "",
                "Several --from files, or a folder (its *.json and *.jsonl files), are",
                "merged into one report: the shards of scan --shard, or reruns. Each",
                "endpoint appears once (the first file's), the diagnosis across",
                "endpoints is recomputed, and the report is complete: false, with a note",
                "on stderr and in input_errors, when a shard is missing or was cut short",
                "(docs/sharding.md)."},
        footer = {"", "Examples:",
                "  smtpscope report --from reports/demo.json --html demo.html --csv demo.csv",
                "  smtpscope report --from scan.jsonl --json scan.json",
                "  smtpscope report --from shards/ --json merged.json --html merged.html",
                "  smtpscope report --from shard-*.jsonl --csv merged.csv",
                "", ExitCodes.INFO})
public final class ReportCommand implements Callable<Integer> {
    /** A folder holding more files than this is not a folder of shards. */
    static final int MAX_FILES = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, arity = "1..*", paramLabel = "FILE|DIR",
            description = "A JSON report or a JSONL stream written by smtpscope; several, or a folder of them, are merged.")
    List<String> from;

    @Mixin
    ReportDestinationOptions output;

    @Override
    public Integer call() throws UnreadableReportException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.destinations().any()) {
            throw new UserInputException("nothing to write: give --json, --csv, --csv-findings or --html");
        }
        List<Path> files = files();
        ReportReader reader = new ReportReader(RunOutputs.tool());
        if (files.size() == 1) {
            SavedReport saved = reader.read(files.getFirst());
            SkippedLines.warn(saved, err);
            if (saved.report().shard() == null) {
                output.write(saved.report(), out);
                return ExitCodes.OK;
            }
        }
        output.write(merge(files, reader, err), out);
        return ExitCodes.OK;
    }

    /** Every file to read: the --from files as given, and each folder's reports in name order. */
    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (String name : from) {
            Path path;
            try {
                path = Path.of(name);
            } catch (InvalidPathException e) {
                throw new UserInputException("--from " + name + " is not a valid path");
            }
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            try (Stream<Path> listed = Files.list(path)) {
                List<Path> reports = listed.filter(f -> f.getFileName().toString().endsWith(".json")
                        || f.getFileName().toString().endsWith(".jsonl")).filter(Files::isRegularFile)
                        .sorted().limit(MAX_FILES + 1L).toList();
                if (reports.isEmpty()) {
                    throw new UserInputException("--from " + name + ": the folder holds no .json or .jsonl file");
                }
                if (reports.size() > MAX_FILES) {
                    throw new UserInputException("--from " + name + ": more than " + MAX_FILES + " report files");
                }
                files.addAll(reports);
            } catch (IOException e) {
                throw new UserInputException("cannot list the folder " + name + ": " + e.getMessage());
            }
        }
        return files;
    }

    /**
     * Reads every file and merges them. A file that cannot be read at all (a shard killed before its first line)
     * is a note, not the end of the merge: its shard is then named as missing.
     */
    private static ScanReport merge(List<Path> files, ReportReader reader, PrintWriter err) throws UnreadableReportException {
        List<ReportMerge.Input> inputs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        UnreadableReportException first = null;
        for (Path file : files) {
            try {
                SavedReport saved = reader.read(file);
                if (files.size() > 1) {
                    SkippedLines.warn(saved, err);
                }
                inputs.add(new ReportMerge.Input(file.toString(), saved.report()));
            } catch (UnreadableReportException e) {
                first = first == null ? e : first;
                unreadable.add(e.getMessage());
            }
        }
        if (inputs.isEmpty()) {
            throw first;
        }
        ReportMerge.Merged merged;
        try {
            merged = new ReportMerger(RunOutputs.tool()).merge(inputs);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        ScanReport report = merged.report();
        List<String> notes = new ArrayList<>(unreadable.stream().map(m -> "left out: " + m).toList());
        notes.addAll(merged.notes());
        if (!unreadable.isEmpty()) {
            List<String> errors = new ArrayList<>(report.inputErrors());
            errors.addAll(notes.subList(0, unreadable.size()));
            report = new ScanReport(report.schema(), report.tool(), report.startedAt(), report.finishedAt(), report.profile(),
                    report.endpoints(), errors, false, report.diagnosis());
        }
        notes.forEach(note -> err.println("smtpscope: warning: " + Printable.escapeControls(note)));
        err.println("smtpscope: merged " + inputs.size() + " report(s): " + report.endpoints().size() + " endpoint(s)"
                + (report.complete() ? "" : ", incomplete"));
        err.flush();
        return report;
    }
}
