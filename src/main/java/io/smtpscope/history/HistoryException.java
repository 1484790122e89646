package io.smtpscope.history;

/** The history database could not be opened, migrated, read or written; the message says why, in one line. */
public class HistoryException extends RuntimeException {
    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
