package io.smtpscope.cli;

import io.smtpscope.report.SavedReport;

import java.io.PrintWriter;

/** Says which lines of a saved JSONL stream were skipped, one warning line each, as {@code scan -i} does. */
final class SkippedLines {
    private SkippedLines() {
    }

    static void warn(SavedReport saved, PrintWriter err) {
        saved.skippedLines().forEach(line -> err.println("smtpscope: skipped " + line));
        err.flush();
    }
}
