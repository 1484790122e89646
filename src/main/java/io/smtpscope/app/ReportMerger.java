package io.smtpscope.app;

import io.smtpscope.profile.Profile;
import io.smtpscope.report.ReportMerge;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;

import java.util.List;

/**
 * Merges the saved reports of one scan — typically the shards of {@code scan --shard} — into one report, with the
 * network diagnosis recomputed over all merged endpoints by the same {@link Judge} a scan uses: conclusions across
 * endpoints (a host with no reachable port, an MX set that fails as a whole) need every shard's endpoints at once.
 * Findings are the shards' own, judged when they were scanned.
 */
public final class ReportMerger {
    private final Tool tool;
    private final Judge judge;

    public ReportMerger(Tool tool) {
        // The diagnosis reads observations and findings only; the profile decides nothing in it.
        this(tool, new Judge(Profile.builtIn()));
    }

    /** With a judge of the caller's choice (tests move the relay port of the diagnosis). */
    public ReportMerger(Tool tool, Judge judge) {
        this.tool = tool;
        this.judge = judge;
    }

    public ReportMerge.Merged merge(List<ReportMerge.Input> inputs) {
        ReportMerge.Merged merged = ReportMerge.merge(inputs, tool);
        ScanReport report = merged.report();
        return new ReportMerge.Merged(report.withDiagnosis(judge.diagnose(report.endpoints())), merged.notes());
    }
}
