package io.smtpscope.net;

import java.util.Optional;

/**
 * The connections one endpoint may have open beyond the one it always has. The scan's limits count connections:
 * an endpoint holds one slot of the global limit and one of its address's from its first connection to its last
 * (so it never waits midway, and its deadline bounds the server's time, not a queue's). A second connection at
 * the same time, for a hello that does not depend on the running one, takes a slot only when both limits have
 * one free right now, and gives it back when that connection ends: endpoints still waiting to start come first.
 */
@FunctionalInterface
public interface ConnectionSlots {
    /** A slot for one more connection at once, or empty when none is free right now. */
    Optional<Slot> borrow();

    /** One borrowed connection slot; closing it gives it back (once). */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** One connection at a time: nothing to borrow. */
    ConnectionSlots NONE = Optional::empty;
}
