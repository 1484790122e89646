package io.smtpscope.cli;

import io.smtpscope.report.AtomicFiles;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The report destinations plus what only a scan has: the per-endpoint stream and the progress log. */
public final class ScanOutputOptions extends ReportDestinationOptions {
    @Option(names = "--jsonl", paramLabel = "FILE|-", arity = "0..1", fallbackValue = JsonValue.STDOUT,
            preprocessor = JsonValue.FileOrStdout.class,
            description = "Stream one JSON object per endpoint as each finishes, to FILE; alone or with '-', to stdout.")
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
        if (jsonl != null && !JsonValue.STDOUT.equals(jsonl)) {
            try {
                AtomicFiles.checkWritable(Path.of(jsonl));
            } catch (IOException | InvalidPathException e) {
                throw new UserInputException("cannot write the JSONL stream to " + jsonl + ": " + AtomicFiles.describe(e));
            }
        }
    }

    /**
     * Called when no target was given: {@code scan --json mail.example.com} took the host as the file name
     * (these options take the next word as FILE), and saying so beats "no targets".
     */
    void rejectSwallowedTarget() {
        for (String[] option : new String[][] {{"--json", json}, {"--jsonl", jsonl}}) {
            if (option[1] != null && !JsonValue.STDOUT.equals(option[1])) {
                throw new UserInputException("no targets: '" + option[1] + "' was taken as the " + option[0]
                        + " file; put the targets first, or write " + option[0] + "=FILE (" + option[0]
                        + " alone or " + option[0] + " - writes to stdout)");
            }
        }
    }

    boolean wantsAnyFile() {
        return destinations().any() || jsonl != null;
    }
}
