package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CSV reports: RFC 4180 (CRLF line ends, double-quote quoting), UTF-8 without a byte-order mark, one
 * header row. The columns are fixed and documented in {@code reports/FORMATS.md}; new columns are only ever
 * appended at the right, so spreadsheets and scripts that address columns by name or position keep working.
 *
 * <p>Endpoint CSV ({@code --csv}), one row per endpoint: {@link #ENDPOINT_COLUMNS}. Findings CSV
 * ({@code --csv-findings}), one row per finding: {@link #FINDING_COLUMNS}; a mail domain's own findings follow the
 * endpoints' as rows whose target is {@code mx:DOMAIN} and whose address, port and mode are empty.
 *
 * <p>Spreadsheet formula injection (OWASP "CSV Injection"): every text cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return is prefixed with a single quote, so a banner like
 * {@code =HYPERLINK(...)} is shown, not evaluated. Numeric cells are written by smtpscope from integers
 * (a negative {@code cert_days_remaining} for an expired certificate) and stay numbers.
 */
public final class CsvReportWriter {
    public static final List<String> ENDPOINT_COLUMNS = List.of(
            "target", "host", "address", "port", "mode", "reachability", "outcome",
            "error_phase", "error_kind", "error_message",
            "banner_code", "banner", "starttls_offered", "starttls_upgraded", "starttls_stripped",
            "tls_protocol", "tls_cipher_suite",
            "cert_status", "cert_subject", "cert_issuer", "cert_not_after", "cert_days_remaining",
            "cert_trusted", "cert_name_matches", "auth_before_tls", "auth_after_tls",
            "worst_severity", "worst_finding", "finding_ids", "fail_count", "warn_count", "info_count",
            "total_ms",
            // Appended later (columns are only ever added at the right): TLS enumeration and MX origin.
            "tls_protocols_supported", "tls_cipher_suite_count", "tls_connections_used", "mx_domain", "mx_preference",
            // Appended later: which run the row belongs to, so the CSVs of several runs can be merged.
            "scan_started_at", "profile",
            // Appended later: the vulnerability checks (docs/vulnerability-checks.md).
            "vulnerability_checks", "vulnerable_checks", "vulnerability_details",
            // Appended later: what a DANE sender concludes on this MX endpoint (empty when not reached through MX).
            "dane_outcome",
            // Appended later: each certificate the MX endpoint presented, "RSA matched; EC unmatched" (DANE).
            "dane_certificates");

    public static final List<String> FINDING_COLUMNS = List.of(
            "target", "host", "address", "port", "mode", "finding_id", "severity", "title", "explanation",
            "remedy", "references",
            // Appended later, as in the endpoint CSV: which run the row belongs to.
            "scan_started_at", "profile");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    public void writeEndpoints(ScanReport report, OutputStream out) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (EndpointResult e : report.endpoints()) {
            List<Object> row = new ArrayList<>(endpointRow(e));
            row.addAll(runColumns(report));
            row.addAll(Arrays.asList(VulnerabilityView.statuses(e), VulnerabilityView.vulnerable(e),
                    VulnerabilityView.details(e)));
            row.add(e.dane() == null ? null : e.dane().outcome().label());
            row.add(DomainView.endpointDaneCertificatesBrief(e));
            rows.add(row);
        }
        write(out, ENDPOINT_COLUMNS, rows);
    }

    public void writeFindings(ScanReport report, OutputStream out) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (EndpointResult e : report.endpoints()) {
            for (Finding f : e.findings()) {
                List<Object> row = new ArrayList<>(Arrays.asList(e.target(), e.host(), e.address(), e.port(),
                        e.mode().label(), f.id(), f.severity().label(), f.title(), f.explanation(), f.remedy(),
                        String.join("; ", f.references())));
                row.addAll(runColumns(report));
                rows.add(row);
            }
        }
        for (var d : report.domains()) {
            for (Finding f : d.findings()) {
                List<Object> row = new ArrayList<>(Arrays.asList("mx:" + d.domain(), d.domain(), null, null, null, f.id(),
                        f.severity().label(), f.title(), f.explanation(), f.remedy(), String.join("; ", f.references())));
                row.addAll(runColumns(report));
                rows.add(row);
            }
        }
        write(out, FINDING_COLUMNS, rows);
    }

    private static List<Object> endpointRow(EndpointResult e) {
        var smtp = e.smtp();
        var banner = smtp == null ? null : smtp.banner();
        var starttls = smtp == null ? null : smtp.starttls();
        var auth = smtp == null ? null : smtp.auth();
        var cert = e.certificate();
        var leaf = EndpointView.leaf(e);
        var worst = EndpointView.worst(e);
        return Arrays.asList(
                e.target(), e.host(), e.address(), e.port(), e.mode().label(), e.reachability().label(),
                EndpointView.outcome(e),
                e.error() == null ? null : e.error().phase(),
                e.error() == null ? null : e.error().kind(),
                e.error() == null ? null : e.error().message(),
                banner == null ? null : banner.code(),
                banner == null ? null : banner.text(),
                starttls == null ? null : starttls.offered(),
                starttls == null ? null : starttls.upgraded(),
                starttls == null ? null : starttls.stripped(),
                e.tls() == null ? null : e.tls().protocol(),
                e.tls() == null ? null : e.tls().cipherSuite(),
                EndpointView.certificateStatus(e),
                leaf.map(c -> c.subject()).orElse(null),
                leaf.map(c -> c.issuer()).orElse(null),
                leaf.map(c -> c.notAfter() == null ? null : c.notAfter().toString()).orElse(null),
                cert == null || cert.chain().isEmpty() ? null : cert.daysRemaining(),
                cert == null || cert.chain().isEmpty() ? null : cert.trusted(),
                cert == null || cert.chain().isEmpty() ? null : cert.nameMatches(),
                auth == null ? null : String.join(" ", auth.beforeTls()),
                auth == null ? null : String.join(" ", auth.afterTls()),
                worst.map(f -> f.severity().label()).orElse(null),
                worst.map(Finding::id).orElse(null),
                e.findings().stream().map(Finding::id).collect(Collectors.joining(" ")),
                EndpointView.count(e, Severity.FAIL), EndpointView.count(e, Severity.WARN),
                EndpointView.count(e, Severity.INFO),
                e.timingsMs() == null ? null : e.timingsMs().total(),
                EndpointView.supportedProtocols(e), suiteCount(e),
                e.tls() == null ? null : e.tls().connectionsUsed(),
                e.mx() == null ? null : e.mx().domain(),
                e.mx() == null ? null : e.mx().preference());
    }

    /** The run's start in UTC to the second (ISO 8601, as spreadsheets sort it) and the profile it was judged under. */
    private static List<Object> runColumns(ScanReport report) {
        return Arrays.asList(report.startedAt() == null ? null
                : report.startedAt().truncatedTo(ChronoUnit.SECONDS).toString(), report.profile());
    }

    /** Distinct cipher suites accepted across all versions; empty when suites were not enumerated. */
    private static Long suiteCount(EndpointResult e) {
        if (e.tls() == null || e.tls().cipherSuites() == null) {
            return null;
        }
        return e.tls().cipherSuites().values().stream().flatMap(List::stream).distinct().count();
    }

    private static void write(OutputStream out, List<String> header, List<List<Object>> rows) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord(header);
        for (List<Object> row : rows) {
            printer.printRecord(row.stream().map(CsvReportWriter::cell).toList());
        }
        printer.flush();
    }

    /** Null is an empty cell; booleans are true/false; numbers stay numbers; text is defused. */
    static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> defuse(value.toString());
        };
    }

    /** OWASP CSV-injection advice: a leading quote makes the spreadsheet treat the cell as text. */
    public static String defuse(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
