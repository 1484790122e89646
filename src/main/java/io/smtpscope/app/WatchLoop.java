package io.smtpscope.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.smtpscope.diff.DiffText;
import io.smtpscope.diff.ReportDiff;
import io.smtpscope.diff.ReportDiffer;
import io.smtpscope.monitor.ReportMetrics;
import io.smtpscope.monitor.Webhook;
import io.smtpscope.report.Json;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a scan job on a fixed schedule, in this process. After each run: compares it with the previous run,
 * logs the changes, POSTs them to the webhook when there are any, and publishes the run's metrics for
 * {@code /metrics}.
 * A failed run is logged and the schedule goes on; only a failed first run stops the watch (the scan
 * arguments are wrong, and every later run would fail the same way).
 */
public final class WatchLoop {
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Duration every;
    private final Callable<ScanReport> scan;
    private final Optional<Webhook> webhook;
    private final PrintWriter log;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("smtpscope-watch").factory());
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<ScanReport> latest = new AtomicReference<>();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile boolean firstRunFailed;

    public WatchLoop(Duration every, ScanJob job, Optional<Webhook> webhook, PrintWriter log) {
        this(every, job::runOnce, webhook, log);
    }

    /** With any source of reports (tests). */
    WatchLoop(Duration every, Callable<ScanReport> scan, Optional<Webhook> webhook, PrintWriter log) {
        this.every = every;
        this.scan = scan;
        this.webhook = webhook;
        this.log = log;
    }

    public void start() {
        // Fixed rate: runs start on the schedule; a run longer than the interval delays the next, never overlaps it.
        scheduler.scheduleAtFixedRate(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The metrics of the latest run (nothing before the first run finished). */
    public MetricSnapshots metrics() {
        ScanReport report = latest.get();
        return report == null ? MetricSnapshots.of() : ReportMetrics.of(report);
    }

    public int runs() {
        return runs.get();
    }

    public boolean firstRunFailed() {
        return firstRunFailed;
    }

    /** Waits until {@link #stop} ran; false on timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule: lets a running scan finish (bounded), then returns. Safe to call twice. */
    public void stop() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    void runOnce() {
        int n = runs.incrementAndGet();
        ScanReport report;
        try {
            report = scan.call();
        } catch (Exception | Error e) {
            report = null;
            log("run " + n + " failed: " + e);
        }
        if (report == null) {
            log("run " + n + ": no report");
            if (n == 1) {
                firstRunFailed = true;
                Thread.ofPlatform().daemon().start(this::stop);
            }
            return;
        }
        ScanReport previous = latest.getAndSet(report);
        long fail = count(report, Severity.FAIL);
        long warn = count(report, Severity.WARN);
        if (previous == null) {
            log("run " + n + ": " + report.endpoints().size() + " endpoint(s), " + fail + " fail, " + warn + " warn (first run)");
            return;
        }
        ReportDiff diff = new ReportDiffer().compare(previous, report);
        log("run " + n + ": " + report.endpoints().size() + " endpoint(s), " + fail + " fail, " + warn + " warn, "
                + diff.endpoints().size() + " endpoint(s) changed");
        if (!diff.isEmpty()) {
            StringWriter text = new StringWriter();
            new DiffText().write(diff, new PrintWriter(text));
            synchronized (log) {
                log.print(text);
                log.flush();
            }
            webhook.ifPresent(w -> notify(w, diff, text.toString()));
        }
    }

    private void notify(Webhook w, ReportDiff diff, String text) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "smtpscope.changes");
        payload.put("diff", diff);
        payload.put("text", text);
        try {
            int status = w.post(Json.mapper().writeValueAsString(payload));
            if (status / 100 != 2) {
                log("webhook " + w.where() + " answered HTTP " + status);
            }
        } catch (JsonProcessingException e) {
            log("cannot encode the webhook payload: " + e.getOriginalMessage());
        } catch (IOException e) {
            log("webhook " + w.where() + " failed: " + w.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void log(String line) {
        synchronized (log) {
            log.println("smtpscope watch: " + line);
            log.flush();
        }
    }

    private static long count(ScanReport report, Severity severity) {
        return report.endpoints().stream().flatMap(e -> e.findings().stream()).filter(f -> f.severity() == severity).count();
    }
}
