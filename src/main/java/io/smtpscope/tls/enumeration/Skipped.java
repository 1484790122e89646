package io.smtpscope.tls.enumeration;

/**
 * A dimension the enumeration did not (fully) enumerate, and why: a requirement did not hold ("TLSv1.3 not
 * accepted", "depth is versions-only"), the budget ran out before it started, or it ran and could not test.
 * Its result in the report stays null (could not test), never a guess.
 */
public record Skipped(String dimension, Why why, String detail) {
    public enum Why {
        REQUIREMENT_NOT_MET, BUDGET_EXHAUSTED, COULD_NOT_TEST
    }

    /** One line for logs and tests: "TLSv1.3 not accepted", "could not test: greeting 421". */
    public String reason() {
        return why == Why.COULD_NOT_TEST ? "could not test: " + detail : detail;
    }

    @Override
    public String toString() {
        return dimension + ": " + reason();
    }
}
