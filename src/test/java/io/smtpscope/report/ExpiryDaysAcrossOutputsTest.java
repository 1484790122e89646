package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A certificate that expired 12 days and 1 second before the run says 12 days in every output: console, JSON
 * days_remaining, CSV, the finding's text and the HTML chart (they once said 13 in four places and 12 in one).
 */
class ExpiryDaysAcrossOutputsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void twelveDaysAndOneSecondIsTwelveDaysEverywhere() throws Exception {
        EndpointResult e = ConsoleReportTest.careless();
        ScanReport report = new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), NOW, NOW, "default",
                List.of(e), List.of(), true, List.of());
        StringWriter console = new StringWriter();
        new ConsoleReport(false, ConsoleStyle.PLAIN).write(report, new PrintWriter(console));
        assertTrue(console.toString().contains("earliest certificate expiry: mail.careless.test:25 expired 12 days ago"), console.toString());

        String json = Json.mapper().writeValueAsString(report);
        assertTrue(json.contains("\"days_remaining\":-12"), json);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CsvReportWriter().writeEndpoints(report, csv);
        assertTrue(csv.toString(StandardCharsets.UTF_8).contains(",-12,"), csv.toString(StandardCharsets.UTF_8));

        String expired = e.findings().stream().filter(f -> f.id().equals("CERT_EXPIRED")).findFirst().orElseThrow().explanation();
        assertTrue(expired.contains("(12 days ago)"), expired);

        String chart = SvgCharts.certificateExpiry(report.endpoints(), NOW);
        assertTrue(chart.contains("expired 12d ago"), chart);
    }
}
