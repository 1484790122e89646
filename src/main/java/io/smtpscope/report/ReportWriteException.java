package io.smtpscope.report;

/** A report could not be written where the user asked; the message names the report and the path. */
public final class ReportWriteException extends RuntimeException {
    public ReportWriteException(String message) {
        super(message);
    }
}
