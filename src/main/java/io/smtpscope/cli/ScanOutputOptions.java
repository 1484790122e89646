package io.smtpscope.cli;

import picocli.CommandLine.Option;

/** The report destinations plus what only a scan has: the per-endpoint stream and the progress log. */
public final class ScanOutputOptions extends ReportDestinationOptions {
    @Option(names = "--jsonl", paramLabel = "FILE|-", description = "Stream one JSON object per endpoint, one per line, as each finishes.")
    String jsonl;

    @Option(names = {"-v", "--verbose"}, description = "Add each endpoint's timings and SMTP transcript to the summary.")
    boolean verbose;

    @Override
    boolean writesToStdout() {
        return super.writesToStdout() || "-".equals(jsonl);
    }

    /** Every destination usable, before anything runs. */
    void check() {
        if ("-".equals(json) && "-".equals(jsonl)) {
            throw new UserInputException("--json - and --jsonl - cannot both write to stdout");
        }
        destinations().checkWritable();
    }

    boolean wantsAnyFile() {
        return destinations().any() || jsonl != null;
    }
}
