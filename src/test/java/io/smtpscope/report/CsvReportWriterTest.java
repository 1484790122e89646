package io.smtpscope.report;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.Banner;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.Synthetic;
import io.smtpscope.target.Mode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReportWriterTest {
    private static final String NASTY_BANNER = "mx.例え.test ESMTP \"quoted\", comma\nsecond line ü";

    @Test
    void cellsThatASpreadsheetWouldEvaluateGetAQuote() {
        for (String attack : List.of("=HYPERLINK(\"http://x.invalid\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\r=1")) {
            assertEquals("'" + attack, CsvReportWriter.defuse(attack), attack);
        }
        for (String harmless : List.of("", "mail.example.com", "220 ready", " =1", "'already")) {
            assertEquals(harmless, CsvReportWriter.defuse(harmless));
        }
    }

    @Test
    void numbersAndBooleansStayValuesButTextIsDefused() {
        assertEquals("-13", CsvReportWriter.cell(-13L));
        assertEquals("true", CsvReportWriter.cell(true));
        assertEquals("", CsvReportWriter.cell(null));
        assertEquals("'-13", CsvReportWriter.cell("-13"));
    }

    @Test
    void endpointRowsRoundTripThroughTheCommonsCsvParser() throws Exception {
        ScanReport report = report(endpoint("=cmd|'/c calc'!A1", NASTY_BANNER));
        List<CSVRecord> rows = parse(endpointsCsv(report));
        assertEquals(1, rows.size());
        CSVRecord row = rows.getFirst();
        assertEquals(CsvReportWriter.ENDPOINT_COLUMNS, row.getParser().getHeaderNames());
        assertEquals(NASTY_BANNER, row.get("banner"));
        assertEquals("'=cmd|'/c calc'!A1", row.get("host"), "formula defused, otherwise unchanged");
        assertEquals("25", row.get("port"));
        assertEquals("timeout", row.get("reachability"));
        assertEquals("banner", row.get("error_phase"));
        assertEquals("'-ERR, \"quoted\"\r\nand more", row.get("error_message"));
        assertEquals("fail", row.get("worst_severity"));
        assertEquals("X_FAIL", row.get("worst_finding"));
        assertEquals("X_WARN X_FAIL", row.get("finding_ids"));
        assertEquals("1", row.get("fail_count"));
        assertEquals("none", row.get("cert_status"));
        assertEquals("", row.get("tls_protocol"));
    }

    @Test
    void findingRowsRoundTripOnePerFinding() throws Exception {
        ScanReport report = report(endpoint("mx.example.com", NASTY_BANNER));
        List<CSVRecord> rows = parse(findingsCsv(report));
        assertEquals(CsvReportWriter.FINDING_COLUMNS, rows.getFirst().getParser().getHeaderNames());
        assertEquals(2, rows.size());
        assertEquals("X_WARN", rows.get(0).get("finding_id"));
        assertEquals("warn", rows.get(0).get("severity"));
        assertEquals("Explained, with \"quotes\"\nand ümlauts", rows.get(0).get("explanation"));
        assertEquals("'+fix it", rows.get(0).get("remedy"));
        assertEquals("RFC 3207; RFC 8314", rows.get(0).get("references"));
    }

    @Test
    void demoScanWritesRfc4180WithCrlfAndNoByteOrderMark() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        byte[] bytes = endpointsCsv(demo);
        assertTrue(bytes[0] == 't', "starts with the header, no BOM");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(String.join(",", CsvReportWriter.ENDPOINT_COLUMNS) + "\r\n"));
        assertEquals(demo.endpoints().size(), parse(bytes).size());
    }

    @Test
    void enumerationAndMxColumnsAreAppendedAtTheRight() throws Exception {
        java.util.Map<String, Boolean> protocols = new java.util.LinkedHashMap<>();
        protocols.put("TLSv1.3", true);
        protocols.put("TLSv1.2", true);
        protocols.put("TLSv1.1", false);
        protocols.put("SSLv3", null);
        io.smtpscope.result.TlsResult tls = new io.smtpscope.result.TlsResult("TLSv1.3", "TLS_AES_128_GCM_SHA256", null,
                protocols, java.util.Map.of("TLSv1.3", List.of("TLS_AES_128_GCM_SHA256"),
                        "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")),
                null, null, null, null, null, 7, null, null);
        EndpointResult e = Synthetic.withMx(Synthetic.withTls(endpoint("mx.example.com", "ok"), tls),
                io.smtpscope.target.MxOrigin.exchange("example.com", 10, "mx.example.com"));
        CSVRecord row = parse(endpointsCsv(report(e))).get(0);
        assertEquals("TLSv1.2 TLSv1.3", row.get("tls_protocols_supported"), "oldest first; false and untested left out");
        assertEquals("3", row.get("tls_cipher_suite_count"));
        assertEquals("7", row.get("tls_connections_used"));
        assertEquals("example.com", row.get("mx_domain"));
        assertEquals("10", row.get("mx_preference"));
        List<String> columns = CsvReportWriter.ENDPOINT_COLUMNS;
        assertEquals("total_ms", columns.get(columns.indexOf("tls_protocols_supported") - 1), "appended after the first set");
    }

    @Test
    void everyRowSaysWhichRunAndProfileItCameFromSoRunsCanBeMerged() throws Exception {
        Instant started = Instant.parse("2026-03-01T09:30:00.123456789Z");
        ScanReport strict = new ScanReport(ScanReport.SCHEMA, new io.smtpscope.result.Tool("smtpscope", "test"), started,
                started.plusSeconds(5), "=strict", List.of(endpoint("mx.example.com", "ok")), List.of(), true, List.of());
        for (List<CSVRecord> rows : List.of(parse(endpointsCsv(strict)), parse(findingsCsv(strict)))) {
            for (CSVRecord row : rows) {
                assertEquals("2026-03-01T09:30:00Z", row.get("scan_started_at"), "UTC, to the second");
                assertEquals("'=strict", row.get("profile"), "the profile name is defused like any text");
            }
        }
        List<String> findingColumns = CsvReportWriter.FINDING_COLUMNS;
        assertEquals(List.of("scan_started_at", "profile"), findingColumns.subList(findingColumns.size() - 2,
                findingColumns.size()), "appended at the right");
        List<String> columns = CsvReportWriter.ENDPOINT_COLUMNS;
        int run = columns.indexOf("scan_started_at");
        assertEquals(List.of("mx_preference", "scan_started_at", "profile", "vulnerability_checks"),
                columns.subList(run - 1, run + 3), "appended at the right, later columns after them");
        assertEquals(List.of("dane_outcome", "dane_certificates"), columns.subList(columns.size() - 2, columns.size()),
                "the DANE columns came after them");
        assertEquals("references", CsvReportWriter.FINDING_COLUMNS.get(CsvReportWriter.FINDING_COLUMNS.size() - 3));
    }

    private static byte[] endpointsCsv(ScanReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvReportWriter().writeEndpoints(report, out);
        return out.toByteArray();
    }

    private static byte[] findingsCsv(ScanReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvReportWriter().writeFindings(report, out);
        return out.toByteArray();
    }

    private static List<CSVRecord> parse(byte[] csv) throws Exception {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(csv, StandardCharsets.UTF_8)), format)) {
            return parser.getRecords();
        }
    }

    private static ScanReport report(EndpointResult e) {
        return Synthetic.report(Instant.EPOCH, e);
    }

    private static EndpointResult endpoint(String host, String banner) {
        SmtpResult smtp = new SmtpResult(new Banner(220, banner, "smtp"), null, null, null, null, List.of());
        return new EndpointResult(host + ":25", host, "192.0.2.1", 25, Mode.STARTTLS, Reachability.TIMEOUT, smtp,
                        null, null, null, new ProbeError("banner", ErrorKind.IO_TIMEOUT, "-ERR, \"quoted\"\r\nand more"), List.of(), List.of(), List.of(), null, null)
                .withFindings(List.of(
                        new Finding("X_WARN", Severity.WARN, "A warning", "Explained, with \"quotes\"\nand ümlauts",
                                "+fix it", List.of("RFC 3207", "RFC 8314")),
                        new Finding("X_FAIL", Severity.FAIL, "A failure", "Bad.", "Fix.", List.of())));
    }
}
