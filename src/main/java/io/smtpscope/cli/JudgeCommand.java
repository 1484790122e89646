package io.smtpscope.cli;

import io.smtpscope.app.Judge;
import io.smtpscope.report.ReportReader;
import io.smtpscope.report.SavedReport;
import io.smtpscope.report.UnreadableReportException;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "judge", header = "Judge a saved report again under another profile.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Nothing is scanned again: findings and the network diagnosis are",
                "recomputed from the observations in the report."},
        footer = {"", "Examples:",
                "  smtpscope judge reports/demo.json --profile strict",
                "  smtpscope judge reports/demo.json --profile strict --json strict.json",
                "", ExitCodes.JUDGE})
public final class JudgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT", description = "A JSON report written by 'smtpscope scan --json' ('-' for stdin), or its --jsonl stream.")
    String report;

    @Mixin
    ProfileOption profile;

    @Mixin
    FailOnOption failOn;

    @Mixin
    ReportDestinationOptions output;

    @Override
    public Integer call() throws UnreadableReportException {
        SavedReport saved = new ReportReader(RunOutputs.tool()).read(report);
        SkippedLines.warn(saved, spec.commandLine().getErr());
        ScanReport judged = new Judge(profile.profile()).rejudge(saved.report());
        output.write(judged, spec.commandLine().getOut());
        return failOn.reached(judged, profile.profile()) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
