package io.smtpscope.cli;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a scan on stderr, fed by the engine's result callback from many threads at once: one status line
 * (done/total, endpoints by their worst finding, rate, elapsed, ETA) rewritten in place with {@code \r}, only
 * when stderr is a terminal and not {@code --quiet}. It is redrawn on each result (at most every
 * {@link #INTERVAL_NANOS}) and by a timer every second, so a run waiting on one slow server still shows time
 * passing instead of a frozen line; the timer is one daemon thread that stops with {@link #close}.
 * The per-endpoint detail (-v) is in the final summary, not repeated here.
 * The total is the number of planned targets; a name with several addresses adds endpoints, and the
 * total grows to match what is done.
 */
public final class Progress {
    static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final LongSupplier nanoTime;
    private final long start;
    private int total;
    private int done;
    private int fail;
    private int warn;
    private int ok;
    private java.util.concurrent.ScheduledExecutorService timer;
    private long lastDrawn = Long.MIN_VALUE;
    private int lastWidth;

    public Progress(PrintWriter err, boolean live, LongSupplier nanoTime) {
        this.err = err;
        this.live = live;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** The usual wiring: live only on a terminal and without --quiet, refreshed every second. */
    public static Progress forCommand(PrintWriter err, boolean quiet) {
        Progress progress = new Progress(err, !quiet && Terminal.isTerminal(2), System::nanoTime);
        if (progress.live) {
            progress.startTimer();
        }
        return progress;
    }

    /** Redraws once a second until {@link #close}: elapsed time moves even when no result arrives. */
    synchronized void startTimer() {
        if (timer == null) {
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "smtpscope-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The timer's redraw. */
    synchronized void tick() {
        if (done < total) {
            draw(true);
        }
    }

    public synchronized void planned(int targets) {
        total = targets;
        draw(true);
    }

    public synchronized void finished(EndpointResult result) {
        done++;
        // By the worst finding, as the summary counts them: a port that answered with FAIL findings is not "ok".
        switch (worst(result)) {
            case FAIL -> fail++;
            case WARN -> warn++;
            default -> ok++;
        }
        total = Math.max(total, done);
        draw(done == total);
    }

    /** Removes the live line so that what follows starts on a clean line, and stops the timer. */
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        clearLine();
    }

    /** The status text, without terminal control: "12/40 endpoints: 2 fail, 1 warn, 9 ok; 4.1/s, 3s elapsed, ETA 7s". */
    synchronized String status() {
        double seconds = Math.max(1e-3, (nanoTime.getAsLong() - start) / 1e9);
        double rate = done / seconds;
        String eta = done == 0 || rate <= 0 ? "ETA --" : "ETA " + human((long) Math.ceil((total - done) / rate));
        return String.format(Locale.ROOT, "%d/%d endpoints: %d fail, %d warn, %d ok; %.1f/s, %s elapsed, %s",
                done, total, fail, warn, ok, rate, human((long) seconds), eta);
    }

    private static Severity worst(EndpointResult result) {
        Severity worst = Severity.INFO;
        for (var f : result.findings()) {
            if (f.severity().atLeast(worst)) {
                worst = f.severity();
            }
        }
        // An endpoint that could not be probed but has no findings (not judged yet) is not "ok" either.
        if (worst == Severity.INFO && (result.reachability() != Reachability.OPEN || result.error() != null)
                && result.findings().isEmpty()) {
            return Severity.WARN;
        }
        return worst;
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
}
