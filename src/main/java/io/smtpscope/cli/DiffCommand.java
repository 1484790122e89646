package io.smtpscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smtpscope.diff.DiffText;
import io.smtpscope.diff.ReportDiff;
import io.smtpscope.diff.ReportDiffer;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.report.Json;
import io.smtpscope.report.ReportReader;
import io.smtpscope.report.SavedReport;
import io.smtpscope.report.UnreadableReportException;
import io.smtpscope.result.ScanReport;
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
        description = {"What changed between two runs: findings that appeared or disappeared,",
                "certificate replaced, TLS version, protocol or cipher suite set changed,",
                "reachability changed, banner changed. Compares two JSON reports OLD NEW, or",
                "without arguments the last two runs in the history."},
        footer = {"", "Exit status (like diff(1)): 0 no changes, 1 changes, 2 usage error or unreadable input."})
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
        List<ScanReport> pair = reports.isEmpty() ? lastTwoRuns() : twoFiles();
        ReportDiff diff = new ReportDiffer().compare(pair.get(0), pair.get(1));
        if (json.json()) {
            Json.mapper().writerWithDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, diff);
            out.println();
        } else {
            new DiffText().write(diff, out);
        }
        out.flush();
        return diff.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private List<ScanReport> twoFiles() throws UnreadableReportException {
        if (reports.size() != 2) {
            throw new UserInputException("give two report files (OLD NEW), or none to compare the last two runs in the history");
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

    /** Oldest first, as two files are given. */
    private List<ScanReport> lastTwoRuns() {
        List<ScanReport> last;
        PrintWriter err = spec.commandLine().getErr();
        try (HistoryStore store = HistoryStore.openExisting(history.path())) {
            last = store.lastReports(2, row -> err.println("smtpscope: " + row.describe(history.path().toString())
                    + (row.table().equals("runs") ? "" : " of the comparison")));
        }
        err.flush();
        if (last.size() < 2) {
            throw new UserInputException("the history holds " + last.size() + " run(s): diff needs two");
        }
        return List.of(last.get(1), last.get(0));
    }
}
