package io.smtpscope.cli;

import io.smtpscope.report.ConsoleSummary;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a scan on stderr, fed by the engine's result callback from many threads at once.
 * <ul>
 *   <li>live: one status line (done/total, open, failed, rate, ETA) rewritten in place with {@code \r},
 *       at most every {@link #INTERVAL_NANOS}; only when stderr is a terminal and not {@code --quiet};</li>
 *   <li>verbose ({@code -v}): one line per finished endpoint, whatever stderr is.</li>
 * </ul>
 * The total is the number of planned targets; a name with several addresses adds endpoints, and the
 * total grows to match what is done.
 */
public final class Progress {
    static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final boolean verbose;
    private final LongSupplier nanoTime;
    private final long start;
    private int total;
    private int done;
    private int open;
    private int failed;
    private long lastDrawn = Long.MIN_VALUE;
    private int lastWidth;

    public Progress(PrintWriter err, boolean live, boolean verbose, LongSupplier nanoTime) {
        this.err = err;
        this.live = live;
        this.verbose = verbose;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** The usual wiring: live only on a terminal and without --quiet. */
    public static Progress forCommand(PrintWriter err, boolean quiet, boolean verbose) {
        return new Progress(err, !quiet && stderrIsTerminal(), verbose, System::nanoTime);
    }

    public synchronized void planned(int targets) {
        total = targets;
        draw(true);
    }

    public synchronized void finished(EndpointResult result) {
        done++;
        if (result.reachability() == Reachability.OPEN && result.error() == null) {
            open++;
        } else {
            failed++;
        }
        total = Math.max(total, done);
        if (verbose) {
            clearLine();
            err.printf("[%d/%d] %s%n", done, total, ConsoleSummary.line(result));
            err.flush();
            lastDrawn = Long.MIN_VALUE;
        }
        draw(done == total);
    }

    /** Removes the live line so that what follows starts on a clean line. */
    public synchronized void close() {
        clearLine();
    }

    /** The status text, without terminal control: "12/40 endpoints, 9 ok, 3 failed, 4.1/s, ETA 7s". */
    synchronized String status() {
        double seconds = Math.max(1e-3, (nanoTime.getAsLong() - start) / 1e9);
        double rate = done / seconds;
        String eta = done == 0 || rate <= 0 ? "ETA --" : "ETA " + human((long) Math.ceil((total - done) / rate));
        return String.format(Locale.ROOT, "%d/%d endpoints, %d ok, %d failed, %.1f/s, %s",
                done, total, open, failed, rate, eta);
    }

    private void draw(boolean force) {
        if (!live) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!force && lastDrawn != Long.MIN_VALUE && now - lastDrawn < INTERVAL_NANOS) {
            return;
        }
        lastDrawn = now;
        String text = "smtpscope: " + status();
        int pad = Math.max(0, lastWidth - text.length());
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
        lastWidth = text.length();
    }

    private void clearLine() {
        if (live && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    private static String human(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds / 60 % 60) + "m";
    }

    /**
     * Java cannot ask isatty(2) directly. A console (Java 22+: one that is a terminal) says stdin/stdout
     * are interactive; on Linux /proc/self/fd/2 says where stderr goes. TERM=dumb means no cursor control.
     */
    static boolean stderrIsTerminal() {
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
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String where = Files.readSymbolicLink(fd2).toString();
                return where.startsWith("/dev/pts/") || where.startsWith("/dev/tty");
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }
}
