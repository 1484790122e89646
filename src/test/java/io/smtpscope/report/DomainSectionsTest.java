package io.smtpscope.report;

import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.MxRecordSeen;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Synthetic;
import io.smtpscope.result.Tool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The domain section in console, HTML and CSV: worst first, and DNS text escaped everywhere. */
class DomainSectionsTest {
    private static final String HOSTILE = "<script>alert(1)</script>\u001b[2J\u202e";

    private static ScanReport report() {
        DomainResult clean = DomainResult.observed("a-clean.test", List.of(new MxRecordSeen(10, "mx.a-clean.test", true)),
                new DomainDnssec(DnssecState.SECURE, null), new DomainDane(List.of())).judged("all good", List.of());
        HostDane host = new HostDane("mx.z-broken.test", null, DnssecState.SECURE, "_25._tcp.mx.z-broken.test",
                DnssecState.BOGUS, DaneStatus.TLSA_BOGUS, List.of(), HOSTILE);
        DomainResult broken = DomainResult.observed("z-broken.test", List.of(new MxRecordSeen(10, "mx.z-broken.test", true)),
                new DomainDnssec(DnssecState.BOGUS, HOSTILE), new DomainDane(List.of(host)))
                .judged("verdict " + HOSTILE, List.of(Synthetic.finding("DANE_TLSA_BOGUS", Severity.FAIL)));
        return new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:05Z"), "default", List.of(), List.of(), true, List.of(), null, null, List.of(clean, broken));
    }

    @Test
    void consoleShowsDomainsWorstFirstEscaped() {
        StringWriter out = new StringWriter();
        new ConsoleReport(false, ConsoleStyle.PLAIN).write(report(), new PrintWriter(out));
        String text = out.toString();
        assertTrue(text.contains("Mail domains:"), text);
        assertTrue(text.indexOf("z-broken.test  FAIL") < text.indexOf("a-clean.test  OK"), text);
        assertFalse(text.contains("\u001b") || text.contains("\u202e"), "raw control or bidi characters from DNS");
    }

    @Test
    void htmlHasOneCardPerDomainWorstFirstEscaped() {
        String html = new HtmlReportWriter().render(report());
        assertTrue(html.contains("<h2>Mail domains"), "section");
        assertTrue(html.indexOf("z-broken.test") < html.indexOf("a-clean.test"), "worst first");
        assertFalse(html.contains("<script>alert(1)"), "DNS text must be escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)"), "and still shown");
    }

    @Test
    void domainFindingsAreRowsOfTheFindingsCsv() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvReportWriter().writeFindings(report(), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertTrue(csv.contains("mx:z-broken.test,z-broken.test,,,,DANE_TLSA_BOGUS,fail"), csv);
    }
}
