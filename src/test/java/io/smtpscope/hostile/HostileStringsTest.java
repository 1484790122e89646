package io.smtpscope.hostile;

import io.smtpscope.report.Json;
import io.smtpscope.report.JsonReportWriter;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hostile-strings report fixture really carries the strings, escaped, and the JSON writer keeps them safe. */
@DisplayName("hostile strings through the whole pipeline")
class HostileStringsTest {
    private static ScanReport report;

    @BeforeAll
    static void scan() throws Exception {
        report = HostileStrings.scanReport();
    }

    @Test
    @DisplayName("every hostile banner reaches the report (escaped where it held control or formatting characters)")
    void everyBannerIsInTheReport() {
        assertEquals(HostileStrings.BANNERS.size() + 1, report.endpoints().size());
        long hostile = report.endpoints().stream().filter(e -> e.smtp() != null && e.smtp().banner() != null
                && e.smtp().banner().text() != null && !e.smtp().banner().text().contains("smtpscope demo")).count();
        assertEquals(HostileStrings.BANNERS.size(), hostile);
        for (EndpointResult e : report.endpoints()) {
            assertNull(e.error(), () -> e.target() + ": " + e.error());
        }
        assertTrue(report.endpoints().stream().anyMatch(e -> e.smtp().banner().text().equals("=cmd|' /C calc'!A0 ESMTP")));
        assertTrue(report.endpoints().stream().anyMatch(e -> e.smtp().banner().text()
                .equals("mail.test\\x1b]0;terminal title\\x07\\x1b[2J ESMTP")));
    }

    @Test
    @DisplayName("the written JSON report holds no raw control or formatting character")
    void writtenJsonIsSafe() throws Exception {
        StringWriter out = new StringWriter();
        new JsonReportWriter().write(report, out);
        HostileBatch.assertNoControlCharacters("report", out.toString());
        assertEquals(report.endpoints().size(), Json.mapper().readTree(out.toString()).get("endpoints").size());
    }
}
