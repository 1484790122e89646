package io.smtpscope.smtp;

import java.io.IOException;

/** A phase ran out of time; {@code total} when it was the endpoint's overall deadline that ended it. */
public class PhaseTimeoutException extends IOException {
    private final String phase;
    private final boolean total;

    public PhaseTimeoutException(String phase, boolean total) {
        super((total ? "endpoint deadline reached during " : "timed out during ") + phase);
        this.phase = phase;
        this.total = total;
    }

    public String phase() {
        return phase;
    }

    public boolean total() {
        return total;
    }
}
