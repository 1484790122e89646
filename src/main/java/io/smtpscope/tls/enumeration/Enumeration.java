package io.smtpscope.tls.enumeration;

import java.util.List;
import java.util.Optional;

/**
 * One dimension of TLS enumeration, in the manner of TLS-Scanner's probes: it declares what it needs, the
 * {@link EnumerationScheduler} runs it once that holds, and it records its typed result in the context for
 * the dimensions (and later checks) that build on it.
 */
interface Enumeration {
    /** What is enumerated, as skip reasons name it: "cipher suites TLSv1.2". */
    String dimension();

    /** Checked in this order; the first one that cannot hold is the skip reason. */
    List<Requirement> requirements();

    /**
     * Sends its hellos through {@code context.runner()} and records what it found in the context. Returns why
     * (part of) the dimension could not be tested, or empty when it was.
     */
    Optional<String> run(EnumerationContext context);

    /** What an all-or-nothing enumeration produced: its result, or why it could not test. */
    sealed interface Attempt<R> {
        record Done<R>(R result) implements Attempt<R> {
        }

        record CouldNotTest<R>(String reason) implements Attempt<R> {
        }
    }
}
