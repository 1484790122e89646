package io.smtpscope.report;

/**
 * A saved report that cannot be used: the message is one line for the user and names the file; the reason
 * lets callers and tests tell the cases apart without parsing the message.
 */
public final class UnreadableReportException extends Exception {
    /** Why the file was refused. */
    public enum Reason {
        /** No such file, or not a regular file. */
        MISSING,
        /** Larger than the reader's limit: refused before parsing. */
        TOO_LARGE,
        /** The operating system would not let us read it. */
        UNREADABLE,
        /** Bytes that are not UTF-8 text. */
        NOT_UTF8,
        /** Nothing but blank lines. */
        EMPTY,
        /** Neither a JSON report nor JSON Lines of endpoints. */
        NOT_A_REPORT,
        /** A JSON document with another {@code schema} than this smtpscope writes. */
        WRONG_SCHEMA,
        /** A report whose endpoint lacks the fields every endpoint has (host, mode, reachability). */
        INCOMPLETE_ENDPOINT
    }

    private final Reason reason;

    public UnreadableReportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
