package io.smtpscope.cli;

import io.smtpscope.diff.DiffText;
import io.smtpscope.diff.ReportDiff;
import io.smtpscope.diff.ReportDiffer;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.history.LastComparison;
import io.smtpscope.report.Json;
import io.smtpscope.report.ReportReader;
import io.smtpscope.report.SavedReport;
import io.smtpscope.report.UnreadableReportException;
import io.smtpscope.result.ScanReport;
import io.smtpscope.text.HumanTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", header = "Show what changed between two runs.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Findings that appeared or disappeared, a replaced certificate, a changed",
                "TLS version, protocol or cipher suite set, reachability or banner.",
                "Compares two reports OLD NEW, or without arguments the last run in the",
                "history with each of its endpoints' previous run (other hosts scanned",
                "in between or before are left out). An endpoint whose address moved is",
                "shown once, with its address change."},
        footer = {"", "Examples:",
                "  smtpscope diff",
                "  smtpscope diff old.json new.json --json",
                "", ExitCodes.DIFF})
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT", arity = "0..2", description = "OLD and NEW report files (smtpscope/report/v1 JSON, or JSONL streams).")
    List<Path> reports = new ArrayList<>();

    @Mixin
    JsonFlag json;

    @Mixin
    HistoryFileOption history;

    @Override
    public Integer call() throws IOException, UnreadableReportException {
        PrintWriter out = spec.commandLine().getOut();
        json.check();
        ReportDiff diff;
        if (reports.isEmpty()) {
            LastComparison last = lastComparison();
            diff = new ReportDiffer().compare(last.previous(), last.latest()).withOldRuns(last.previousRuns());
        } else {
            List<ScanReport> pair = twoFiles();
            diff = new ReportDiffer().compare(pair.get(0), pair.get(1));
        }
        if (json.json()) {
            json.write(diff, out);
        } else {
            new DiffText().write(diff, out);
        }
        out.flush();
        return diff.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private List<ScanReport> twoFiles() throws UnreadableReportException {
        if (reports.size() != 2) {
            throw new UserInputException("give two report files (OLD NEW), or none to compare the last run in the history with the previous runs of its endpoints");
        }
        ReportReader reader = new ReportReader(RunOutputs.tool());
        List<ScanReport> pair = new ArrayList<>();
        for (Path file : reports) {
            SavedReport saved = reader.read(file);
            SkippedLines.warn(saved, spec.commandLine().getErr());
            pair.add(saved.report());
        }
        return pair;
    }

    /** The newest run against each of its endpoints' previous record: like with like. */
    private LastComparison lastComparison() {
        LastComparison last;
        PrintWriter err = spec.commandLine().getErr();
        try (HistoryStore store = HistoryStore.openExisting(history.path())) {
            last = store.lastComparison(row -> err.println("smtpscope: " + row.describe(history.path().toString())
                    + (row.table().equals("runs") ? "" : " of the comparison"))).orElseThrow(() -> new UserInputException("the history holds no runs: diff needs two"));
        }
        err.flush();
        if (last.previousRuns() == 0) {
            throw new UserInputException("none of the endpoints of the last run (" + HumanTime.of(last.latest().startedAt())
                    + ") was scanned before: diff needs two runs of the same endpoints (or give two report files)");
        }
        return last;
    }
}
