package io.smtpscope.cli;

import io.smtpscope.report.AtomicFiles;
import io.smtpscope.report.CsvReportWriter;
import io.smtpscope.report.HtmlReportWriter;
import io.smtpscope.result.ScanReport;

import java.io.IOException;
import java.nio.file.Path;

/** The CSV and HTML files of a report, each written atomically (temp file + rename); null = not wanted. */
final class ReportFiles {
    private ReportFiles() {
    }

    static void write(ScanReport report, String csv, String csvFindings, String html) {
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
        if (name.equals("-")) {
            throw new UserInputException("the " + what + " needs a file name ('-' is only for --json and --jsonl)");
        }
        try {
            write.to(Path.of(name));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UserInputException("cannot write the " + what + " to " + name + ": " + io.smtpscope.report.AtomicFiles.describe(e));
        }
    }
}
