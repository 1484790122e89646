package io.smtpscope.report;

import io.smtpscope.result.ScanReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where each whole-run report goes: a file path per format, {@value #STDOUT} for standard output (JSON only),
 * or null when that format is not wanted. Files are written atomically (a temporary sibling, then a rename).
 */
public record ReportDestinations(String json, String csv, String csvFindings, String html) {
    public static final String STDOUT = "-";

    /** True when some whole-run report is wanted. */
    public boolean any() {
        return json != null || csv != null || csvFindings != null || html != null;
    }

    public boolean jsonToStdout() {
        return STDOUT.equals(json);
    }

    /** A destination that cannot be written must stop a run before it scans, not after. */
    public void checkWritable() {
        if (json != null && !jsonToStdout()) {
            checkWritable(json, "JSON report");
        }
        checkWritable(csv, "CSV report");
        checkWritable(csvFindings, "findings CSV");
        checkWritable(html, "HTML report");
    }

    /** Writes every wanted report: JSON to {@code stdout} or a file, CSV and HTML to files. */
    public void write(ScanReport report, PrintWriter stdout) {
        if (jsonToStdout()) {
            try {
                new JsonReportWriter().write(report, stdout);
            } catch (IOException e) {
                throw new ReportWriteException("cannot write the JSON report to " + json + ": " + AtomicFiles.describe(e));
            }
        } else {
            write(json, "JSON report", file -> AtomicFiles.write(file, o -> new JsonReportWriter().write(report, o)));
        }
        write(csv, "CSV report", file -> AtomicFiles.write(file, o -> new CsvReportWriter().writeEndpoints(report, o)));
        write(csvFindings, "findings CSV", file -> AtomicFiles.write(file, o -> new CsvReportWriter().writeFindings(report, o)));
        write(html, "HTML report", file -> AtomicFiles.write(file, o -> new HtmlReportWriter().write(report, o)));
    }

    private interface FileWrite {
        void to(Path file) throws IOException;
    }

    private static void write(String name, String what, FileWrite write) {
        if (name == null) {
            return;
        }
        if (name.equals(STDOUT)) {
            throw new ReportWriteException("the " + what + " needs a file name ('-' is only for --json and --jsonl)");
        }
        try {
            write.to(Path.of(name));
        } catch (IOException | InvalidPathException e) {
            throw new ReportWriteException("cannot write the " + what + " to " + name + ": " + AtomicFiles.describe(e));
        }
    }

    private static void checkWritable(String name, String what) {
        if (name == null) {
            return;
        }
        if (name.equals(STDOUT)) {
            throw new ReportWriteException("the " + what + " needs a file name ('-' is only for --json and --jsonl)");
        }
        try {
            AtomicFiles.checkWritable(Path.of(name));
        } catch (IOException | InvalidPathException e) {
            throw new ReportWriteException("cannot write the " + what + " to " + name + ": " + AtomicFiles.describe(e));
        }
    }
}
