package io.smtpscope.net;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection when its endpoint's total deadline passes, whatever the probe is blocked in
 * (connect, a read, a write to a peer that never reads). Phase deadlines catch almost everything; this is
 * the guarantee that an endpoint always ends.
 */
public final class Watchdog {
    private static final ScheduledExecutorService TIMER = timer();

    /**
     * A cancelled close leaves the queue at once: otherwise each finished endpoint's socket (its TLS engine, buffers
     * and session) stays reachable from the queue until its deadline would have passed, which in a mass scan holds
     * thousands of finished connections on the heap.
     */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "smtpscope-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Closes still pending (tests: a cancelled one is gone at once). */
    static int pending() {
        return ((ScheduledThreadPoolExecutor) TIMER).getQueue().size();
    }

    private Watchdog() {
    }

    /** A handle that cancels the pending close. */
    public interface Armed extends AutoCloseable {
        boolean fired();

        @Override
        void close();
    }

    public static Armed closeAfter(Closeable target, long millis) {
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> future = TIMER.schedule(() -> {
            fired.set(true);
            try {
                target.close();
            } catch (IOException ignored) {
                // the probe sees the closed socket and reports the deadline
            }
        }, millis, TimeUnit.MILLISECONDS);
        return new Armed() {
            @Override
            public boolean fired() {
                return fired.get();
            }

            @Override
            public void close() {
                future.cancel(false);
            }
        };
    }
}
