package io.smtpscope.cli;

import picocli.CommandLine.Option;

/** {@code --json} for commands that print a result: JSON on stdout instead of text. */
public final class JsonFlag {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    boolean json() {
        return json;
    }
}
