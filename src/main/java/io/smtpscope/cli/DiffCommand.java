package io.smtpscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smtpscope.diff.DiffText;
import io.smtpscope.diff.ReportDiff;
import io.smtpscope.diff.ReportDiffer;
import io.smtpscope.history.HistoryException;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.report.Json;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

    @Parameters(paramLabel = "REPORT", arity = "0..2", description = "OLD and NEW report files (smtpscope/report/v1 JSON).")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--json", description = "Print the changes as JSON.")
    boolean json;

    @Option(names = "--history", paramLabel = "FILE", description = "The history database (default: $XDG_DATA_HOME/smtpscope/history.db or ~/.local/share/smtpscope/history.db).")
    Path history;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ScanReport old;
        ScanReport current;
        if (reports.size() == 2) {
            old = read(reports.get(0));
            current = read(reports.get(1));
        } else if (reports.isEmpty()) {
            List<ScanReport> last;
            try (HistoryStore store = HistoryCommand.openExisting(history)) {
                last = store.lastReports(2);
            } catch (HistoryException e) {
                throw new UserInputException(e.getMessage());
            }
            if (last.size() < 2) {
                throw new UserInputException("the history holds " + last.size() + " run(s): diff needs two");
            }
            old = last.get(1);
            current = last.get(0);
        } else {
            throw new UserInputException("give two report files (OLD NEW), or none to compare the last two runs in the history");
        }
        ReportDiff diff = new ReportDiffer().compare(old, current);
        if (json) {
            Json.mapper().writerWithDefaultPrettyPrinter()
                    .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, diff);
            out.println();
        } else {
            new DiffText().write(diff, out);
        }
        out.flush();
        return diff.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    static ScanReport read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("report file " + file + " does not exist or is not a file");
        }
        try {
            ScanReport report = Json.mapper().readValue(file.toFile(), ScanReport.class);
            if (report == null || !ScanReport.SCHEMA.equals(report.schema())) {
                throw new UserInputException(file + " is not an smtpscope report (schema " + ScanReport.SCHEMA + ")");
            }
            return report;
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + " is not an smtpscope JSON report: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
