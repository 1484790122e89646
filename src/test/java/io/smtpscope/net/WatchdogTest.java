package io.smtpscope.net;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The watchdog's queue holds only pending closes: a cancelled one must not keep its connection on the heap. */
class WatchdogTest {
    @Test
    void aCancelledCloseLeavesTheQueueAtOnce() {
        int before = Watchdog.pending();
        AtomicBoolean closed = new AtomicBoolean();
        Watchdog.Armed armed = Watchdog.closeAfter(() -> closed.set(true), 3_600_000);
        assertEquals(before + 1, Watchdog.pending());
        armed.close();
        assertEquals(before, Watchdog.pending(), "the cancelled task (and the socket it holds) is out of the queue");
        assertFalse(armed.fired());
        assertFalse(closed.get());
    }
}
