package io.smtpscope.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Whether a standard stream goes to a terminal: colours and a live progress line only make sense there. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Java cannot ask isatty() directly. A console (Java 22+: one that is a terminal) says stdin/stdout are
     * interactive; on Linux /proc/self/fd/N says where the stream goes. TERM=dumb means no cursor control.
     */
    static boolean isTerminal(int fd) {
        if (System.console() == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            var isTerminal = java.io.Console.class.getMethod("isTerminal");
            if (!(Boolean) isTerminal.invoke(System.console())) {
                return false;
            }
        } catch (ReflectiveOperationException e) {
            // Java 21: System.console() is null unless interactive, checked above
        }
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String where = Files.readSymbolicLink(link).toString();
                return where.startsWith("/dev/pts/") || where.startsWith("/dev/tty");
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }
}
