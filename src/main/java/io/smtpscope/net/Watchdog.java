package io.smtpscope.net;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection when its endpoint's total deadline passes, whatever the probe is blocked in
 * (connect, a read, a write to a peer that never reads). Phase deadlines catch almost everything; this is
 * the guarantee that an endpoint always ends.
 */
public final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "smtpscope-watchdog");
        thread.setDaemon(true);
        return thread;
    });

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
