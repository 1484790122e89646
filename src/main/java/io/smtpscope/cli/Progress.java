package io.smtpscope.cli;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;

import io.smtpscope.target.Endpoint;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a scan on stderr, fed by the engine's result callback from many threads at once: one status line
 * (done/total, endpoints by their worst finding, rate, elapsed, ETA) rewritten in place with {@code \r}, only
 * when stderr is a terminal and not {@code --quiet}. It is redrawn on each result (at most every
 * {@link #INTERVAL_NANOS}) and by a timer every second, so a run waiting on one slow server still shows time
 * passing instead of a frozen line; the timer is one daemon thread that stops with {@link #close}.
 * While a connection step runs longer than a second the line also names it, the endpoint and its bound
 * ("waiting for the greeting of mx.example.org:25, 12 s of 30 s"): the step waited on longest, from
 * {@link #stepStarted}, which the dialer calls as each step starts.
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
    /** The step each endpoint in flight is in, by {@link #key}; removed when its result arrives. */
    private final Map<String, Step> inFlight = new HashMap<>();

    private record Step(String what, String where, long sinceNanos, long timeoutMillis) {
    }
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

    /** A connection step of {@code endpoint} has started and may take up to {@code timeoutMillis}. */
    public synchronized void stepStarted(Endpoint endpoint, String step, long timeoutMillis) {
        inFlight.put(key(endpoint.host(), endpoint.addressText(), endpoint.port()),
                new Step(step, endpoint.host() + ":" + endpoint.port(), nanoTime.getAsLong(), timeoutMillis));
    }

    public synchronized void finished(EndpointResult result) {
        inFlight.remove(key(result.host(), result.address(), result.port()));
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
                done, total, fail, warn, ok, rate, human((long) seconds), eta) + waitingFor();
    }

    /** "; waiting for the greeting of mx.example.org:25, 12 s of 30 s", or nothing when no step has lasted 1 s. */
    private String waitingFor() {
        long now = nanoTime.getAsLong();
        Step longest = null;
        for (Step step : inFlight.values()) {
            if (longest == null || step.sinceNanos < longest.sinceNanos) {
                longest = step;
            }
        }
        if (longest == null || now - longest.sinceNanos < 1_000_000_000L) {
            return "";
        }
        long waited = (now - longest.sinceNanos) / 1_000_000_000L;
        long bound = (longest.timeoutMillis + 999) / 1000;
        return "; waiting for " + describe(longest.what) + " " + longest.where + ", " + waited + " s of " + bound + " s";
    }

    /** A dial step in words, with the preposition the endpoint that follows needs. */
    static String describe(String step) {
        return switch (step) {
            case "connect" -> "the TCP connection to";
            case "banner" -> "the greeting of";
            case "ehlo" -> "the EHLO reply of";
            case "starttls" -> "the STARTTLS reply of";
            case "handshake" -> "the TLS handshake with";
            case "ehlo_after_tls" -> "the EHLO reply after TLS of";
            case "quit" -> "the QUIT reply of";
            case "hello" -> "a TLS hello answer from";
            default -> "step '" + step + "' of";
        };
    }

    private static String key(String host, String address, int port) {
        return host + "|" + address + "|" + port;
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
