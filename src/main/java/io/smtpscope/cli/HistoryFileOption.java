package io.smtpscope.cli;

import io.smtpscope.history.HistoryLocation;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --history FILE}: the history database, where scan records and history and diff read. */
public final class HistoryFileOption {
    @Option(names = "--history", paramLabel = "FILE", description = "The history database FILE, where scan records each run "
            + "and history and diff read them (default: $XDG_DATA_HOME/smtpscope/history.db or ~/.local/share/smtpscope/history.db).")
    Path history;

    boolean given() {
        return history != null;
    }

    Path path() {
        return history != null ? history : HistoryLocation.defaultPath();
    }
}
