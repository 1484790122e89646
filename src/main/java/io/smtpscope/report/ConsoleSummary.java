package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;

import java.io.PrintWriter;
import java.util.Comparator;

/** One line per endpoint for people at a terminal: where, what answered, TLS, the worst finding. */
public final class ConsoleSummary {
    public void write(ScanReport report, PrintWriter out) {
        if (report.earliestExpiry() != null) {
            out.println(earliestExpiry(report.earliestExpiry(), report.finishedAt()));
        }
        for (EndpointResult e : report.endpoints()) {
            out.println(line(e));
        }
        // Conclusions across endpoints (network diagnosis) come after the endpoints they rest on.
        report.diagnosis().forEach(d -> out.println(io.smtpscope.text.Printable.escapeControls("diagnosis "
                + d.severity().label().toUpperCase() + " " + d.id() + ": " + d.title())));
        long fail = count(report, Severity.FAIL);
        long warn = count(report, Severity.WARN);
        out.printf("%d endpoint(s): %d fail, %d warn finding(s)%n", report.endpoints().size(), fail, warn);
        out.flush();
    }

    public static String line(EndpointResult e) {
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-40s %-15s %-12s", host + ":" + e.port(),
                e.address() == null ? "-" : e.address(), e.mode().label()));
        sb.append(' ').append(e.reachability().label());
        if (e.tls() != null) {
            sb.append("  ").append(e.tls().protocol() == null ? "no TLS session" : e.tls().protocol());
            String supported = EndpointView.supportedProtocols(e);
            if (supported != null && !supported.isEmpty()) {
                sb.append(" [accepts ").append(supported).append(']');
            }
        }
        if (e.error() != null) {
            sb.append("  error ").append(e.error().kind()).append(" (").append(e.error().phase()).append(')');
        }
        e.findings().stream().max(Comparator.comparing(Finding::severity))
                .ifPresent(f -> sb.append("  worst: ").append(f.severity().label().toUpperCase()).append(' ').append(f.id()));
        return io.smtpscope.text.Printable.escapeControls(sb.toString());
    }

    static String earliestExpiry(io.smtpscope.result.EarliestExpiry e, java.time.Instant now) {
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        String when = io.smtpscope.result.ExpiryDays.describe(e.daysRemaining(), e.notAfter().isBefore(now));
        return io.smtpscope.text.Printable.escapeControls("earliest certificate expiry: " + host + ":" + e.port() + " "
                + when + " (" + e.notAfter() + ")");
    }

    private static long count(ScanReport report, Severity severity) {
        return report.endpoints().stream().flatMap(e -> e.findings().stream()).filter(f -> f.severity() == severity).count();
    }
}
