package io.smtpscope.report;

import io.smtpscope.result.ScanReport;

import java.util.List;

/**
 * A report read back from a file, and the JSONL lines that had to be skipped ({@code FILE:LINE: reason}; also
 * in the report's {@code input_errors}), so a command can warn about them without guessing which of the
 * report's input errors came from the original run.
 */
public record SavedReport(ScanReport report, List<String> skippedLines) {
    public SavedReport {
        skippedLines = List.copyOf(skippedLines);
    }
}
