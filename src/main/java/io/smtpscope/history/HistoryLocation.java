package io.smtpscope.history;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the history lives by default: {@code $XDG_DATA_HOME/smtpscope/history.db}, or
 * {@code ~/.local/share/smtpscope/history.db} when XDG_DATA_HOME is unset or not absolute (as the XDG
 * Base Directory specification says to ignore relative values).
 */
public final class HistoryLocation {
    private HistoryLocation() {
    }

    public static Path defaultPath() {
        return defaultPath(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultPath(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(userHome, ".local", "share");
        return base.resolve("smtpscope").resolve("history.db");
    }
}
