package io.smtpscope.cli;

import picocli.CommandLine.Option;

/** The report files plus what only a scan has: the per-endpoint stream and the progress log. */
public final class OutputOptions extends ReportFileOptions {
    @Option(names = "--jsonl", paramLabel = "FILE|-", description = "Stream one JSON object per endpoint, one per line, as each finishes.")
    String jsonl;

    @Option(names = {"-v", "--verbose"}, description = "Log each endpoint on stderr as it finishes.")
    boolean verbose;

    @Override
    boolean writesToStdout() {
        return super.writesToStdout() || "-".equals(jsonl);
    }

    boolean wantsAnyFile() {
        return wantsReportFiles() || jsonl != null;
    }
}
