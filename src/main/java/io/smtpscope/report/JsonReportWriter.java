package io.smtpscope.report;

import io.smtpscope.result.ScanReport;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the whole report as one pretty-printed JSON document ({@code smtpscope/report/v1}). */
public final class JsonReportWriter {
    /** Writes to a character stream (stdout); the stream stays open. */
    public void write(ScanReport report, java.io.Writer out) throws IOException {
        Json.mapper().writerWithDefaultPrettyPrinter()
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, report);
        out.write('\n');
        out.flush();
    }

    public void write(ScanReport report, OutputStream out) throws IOException {
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(new NonClosing(out), report);
        out.write('\n');
        out.flush();
    }

    /** Jackson closes the stream it writes to; stdout must stay open. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
