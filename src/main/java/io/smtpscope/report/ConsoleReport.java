package io.smtpscope.report;

import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Timings;
import io.smtpscope.result.VulnerabilityResult;
import io.smtpscope.text.Printable;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console report that explains: per endpoint its facts with their verdicts, then its findings worst
 * first, each with the catalogue's one-line explanation and fix; then the diagnoses, and a summary of
 * endpoints by status with the run's duration. {@code verbose} adds each endpoint's timings and transcript.
 * Everything a server or certificate supplied is escaped ({@link Printable#escapeControls}) before any colour
 * is added. {@link ConsoleSummary} is the one-line-per-endpoint form ({@code --brief}).
 */
public final class ConsoleReport {
    private static final String INDENT = "  ";
    private static final String DETAIL = "       ";

    private final boolean verbose;
    private final ConsoleStyle style;

    public ConsoleReport(boolean verbose, ConsoleStyle style) {
        this.verbose = verbose;
        this.style = style;
    }

    public void write(ScanReport report, PrintWriter out) {
        if (report.earliestExpiry() != null) {
            out.println(ConsoleSummary.earliestExpiry(report.earliestExpiry(), report.finishedAt()));
        }
        for (EndpointResult e : report.endpoints()) {
            out.println();
            endpoint(e, out);
        }
        ConsoleDomains.write(report, style, out);
        if (!report.diagnosis().isEmpty()) {
            out.println();
            out.println(style.bold("Across endpoints:"));
            report.diagnosis().forEach(d -> diagnosis(d, out));
        }
        out.println();
        out.println(summary(report));
        out.flush();
    }

    private void endpoint(EndpointResult e, PrintWriter out) {
        Optional<Severity> worst = worst(e);
        String where = EndpointView.hostPort(e) + " (" + (e.address() == null ? "no address" : e.address()) + ", "
                + e.mode().label() + ", " + e.reachability().label() + ")";
        String status = worst.map(s -> style.severity(s, s.label().toUpperCase(Locale.ROOT))).orElse(style.good("OK"));
        out.println(style.bold(esc(where)) + "  " + status);
        for (FactVerdicts.Fact fact : FactVerdicts.of(e)) {
            String text = esc(fact.text());
            out.println(INDENT + style.dim(String.format("%-12s", fact.label())) + " "
                    + (fact.verdict() == null ? text : style.severity(fact.verdict(), text)));
        }
        List<Finding> findings = new ArrayList<>(e.findings());
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        for (Finding f : findings) {
            out.println(INDENT + style.severity(f.severity(), f.severity().label().toUpperCase(Locale.ROOT)) + " "
                    + esc(f.id()) + ": " + esc(f.title()));
            if (f.severity() != Severity.INFO) {
                out.println(DETAIL + style.dim("why:") + " " + esc(f.explanation()));
                if (f.remedy() != null && !f.remedy().isBlank()) {
                    out.println(DETAIL + style.dim("fix:") + " " + esc(f.remedy()));
                }
            }
        }
        vulnerabilities(e, out);
        if (verbose) {
            timings(e.timingsMs()).ifPresent(t -> out.println(INDENT + style.dim("timings") + "      " + t));
            if (!e.transcript().isEmpty()) {
                out.println(INDENT + style.dim("transcript"));
                e.transcript().forEach(line -> out.println(DETAIL + esc(line)));
            }
        }
    }

    /** One line per check with its status and reason, then its evidence: what it sent and what it saw. */
    private void vulnerabilities(EndpointResult e, PrintWriter out) {
        if (e.vulnerabilities().isEmpty()) {
            return;
        }
        out.println(INDENT + style.dim("vulnerability checks"));
        for (VulnerabilityResult v : e.vulnerabilities()) {
            String status = switch (v.status()) {
                case VULNERABLE -> style.severity(Severity.FAIL, "VULNERABLE");
                case NOT_VULNERABLE -> style.good("not vulnerable");
                case NOT_TESTED -> style.dim("not tested");
            };
            out.println(INDENT + "  " + String.format("%-22s", esc(v.id())) + " " + status
                    + (v.reason() == null ? "" : ": " + esc(v.reason())));
            if (!v.evidence().isEmpty()) {
                out.println(DETAIL + style.dim("evidence:") + " " + esc(VulnerabilityView.evidence(v)));
            }
        }
    }

    private void diagnosis(Diagnosis d, PrintWriter out) {
        out.println(INDENT + style.severity(d.severity(), d.severity().label().toUpperCase(Locale.ROOT)) + " "
                + esc(d.id()) + ": " + esc(d.title()));
        out.println(DETAIL + style.dim("what to do:") + " " + esc(d.advice()));
        if (!d.evidence().isEmpty()) {
            out.println(DETAIL + style.dim("evidence:") + " " + esc(String.join("; ", d.evidence())));
        }
    }

    /** "5 endpoint(s) in 3.2 s: 2 fail, 1 warn, 2 ok; 7 fail, 3 warn finding(s); 1 diagnosis (1 fail)". */
    String summary(ScanReport report) {
        long failing = report.endpoints().stream().filter(e -> worst(e).orElse(null) == Severity.FAIL).count();
        long warning = report.endpoints().stream().filter(e -> worst(e).orElse(null) == Severity.WARN).count();
        long ok = report.endpoints().size() - failing - warning;
        long failFindings = count(report, Severity.FAIL);
        long warnFindings = count(report, Severity.WARN);
        StringBuilder s = new StringBuilder();
        s.append(report.endpoints().size()).append(" endpoint(s) in ").append(seconds(report)).append(": ")
                .append(style.severity(Severity.FAIL, failing + " fail")).append(", ")
                .append(style.severity(Severity.WARN, warning + " warn")).append(", ")
                .append(style.good(ok + " ok"))
                .append("; ").append(failFindings).append(" fail, ").append(warnFindings).append(" warn finding(s)");
        if (!report.diagnosis().isEmpty()) {
            long failDiagnoses = report.diagnosis().stream().filter(d -> d.severity() == Severity.FAIL).count();
            s.append("; ").append(report.diagnosis().size()).append(" diagnosis(es), ").append(failDiagnoses).append(" fail");
        }
        if (!report.complete()) {
            s.append(" (incomplete: the run was stopped)");
        }
        return s.toString();
    }

    /** Endpoint status is its worst warn or fail finding; info alone is ok. */
    static Optional<Severity> worst(EndpointResult e) {
        return e.findings().stream().map(Finding::severity).filter(s -> s != Severity.INFO).max(Comparator.naturalOrder());
    }

    private static long count(ScanReport report, Severity severity) {
        return report.endpoints().stream().flatMap(e -> e.findings().stream()).filter(f -> f.severity() == severity).count();
    }

    private static String seconds(ScanReport report) {
        if (report.startedAt() == null || report.finishedAt() == null) {
            return "? s";
        }
        long ms = Math.max(0, Duration.between(report.startedAt(), report.finishedAt()).toMillis());
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static Optional<String> timings(Timings t) {
        if (t == null) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        add(parts, "connect", t.connect());
        add(parts, "greeting", t.banner());
        add(parts, "EHLO", t.ehlo());
        add(parts, "STARTTLS", t.starttls());
        add(parts, "handshake", t.handshake());
        add(parts, "total", t.total());
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static void add(List<String> parts, String name, Long ms) {
        if (ms != null) {
            parts.add(name + " " + ms + " ms");
        }
    }

    private static String esc(String text) {
        return Printable.escapeControls(text == null ? "" : text);
    }
}
