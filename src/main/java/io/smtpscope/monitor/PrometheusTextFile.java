package io.smtpscope.monitor;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.smtpscope.report.AtomicFiles;
import io.smtpscope.result.ScanReport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a report's metrics in the Prometheus text exposition format (0.0.4) for node_exporter's textfile
 * collector. Written through a temporary file and a rename: the collector never reads half a file.
 * Name the file {@code *.prom} inside the collector's directory.
 */
public final class PrometheusTextFile {
    private PrometheusTextFile() {
    }

    /** World-readable (0644): node_exporter usually runs as another user than the scan. */
    public static void write(ScanReport report, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(ReportMetrics.of(report), out),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    public static void write(MetricSnapshots metrics, OutputStream out) throws IOException {
        // Legacy (underscore) escaping: every name here is a classic metric name, and node_exporter expects them.
        PrometheusTextFormatWriter.create().write(out, metrics, EscapingScheme.UNDERSCORE_ESCAPING);
    }
}
