package io.smtpscope.report;

import io.smtpscope.result.DaneCertificate;
import io.smtpscope.result.DaneOutcome;
import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointDane;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.MxRecordSeen;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.TlsaMatch;
import io.smtpscope.result.TlsaSeen;
import io.smtpscope.result.Tool;
import io.smtpscope.target.MxOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An MX endpoint with RSA and ECDSA certificates shows each certificate's DANE match in console, HTML and CSV. */
class DaneCertificatesViewTest {
    private static final TlsaSeen RSA_RECORD = new TlsaSeen(3, 1, 1, "aa".repeat(32), true, null);
    private static final String EC_SPKI = "cc".repeat(32);

    private static ScanReport report(List<DaneCertificate> certificates) {
        HostDane host = new HostDane("mx.a.test", null, DnssecState.SECURE, "_25._tcp.mx.a.test", DnssecState.SECURE,
                DaneStatus.USABLE, List.of(RSA_RECORD), null);
        EndpointResult e = endpoint("mx.a.test", 25).address("192.0.2.1").healthy().mx(MxOrigin.exchange("a.test", 10, "mx.a.test"))
                .build().withDane(new EndpointDane("_25._tcp.mx.a.test", certificates.size() > 1 ? DaneOutcome.PARTIAL_MATCH
                        : DaneOutcome.AUTHENTICATED, List.of(new TlsaMatch(RSA_RECORD, true, "matches")), "why", certificates));
        DomainResult d = DomainResult.observed("a.test", List.of(new MxRecordSeen(10, "mx.a.test", true)),
                new DomainDnssec(DnssecState.SECURE, null), new DomainDane(List.of(host)));
        return new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:05Z"), "default", List.of(e), List.of(), true, List.of(), null, null, List.of(d));
    }

    private static final DaneCertificate RSA = new DaneCertificate("RSA", "11".repeat(32), "aa".repeat(32), true,
            List.of(RSA_RECORD.presentation()));
    private static final DaneCertificate EC = new DaneCertificate("EC", "22".repeat(32), EC_SPKI, false, List.of());

    private static String console(ScanReport report) {
        StringWriter out = new StringWriter();
        ConsoleDomains.write(report, ConsoleStyle.PLAIN, new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void eachCertificateIsOneLineSayingWhichRecordMatchesOrWhichWould() {
        String text = console(report(List.of(RSA, EC)));
        assertTrue(text.contains("RSA certificate sha256 " + "11".repeat(32) + ": matched by " + RSA_RECORD.presentation()), text);
        assertTrue(text.contains("EC certificate sha256 " + "22".repeat(32) + ": no usable TLSA record matches (3 1 1 " + EC_SPKI
                + " would)"), text);

        StringBuilder html = new StringBuilder();
        ScanReport r = report(List.of(RSA, EC));
        HtmlDomainSection.write(r.domains(), r.endpoints(), html);
        assertTrue(html.toString().contains("DANE certificate"), html::toString);
        assertTrue(html.toString().contains("3 1 1 " + EC_SPKI + " would"), html::toString);
    }

    @Test
    void oneCertificateAddsNoLine() {
        assertFalse(console(report(List.of(RSA))).contains("certificate sha256"));
    }

    @Test
    void theCsvSaysWhichCertificatesMatched() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvReportWriter().writeEndpoints(report(List.of(RSA, EC)), out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertTrue(lines[0].endsWith(",dane_outcome,dane_certificates"), lines[0]);
        assertTrue(lines[1].endsWith(",partial-match,RSA matched; EC unmatched"), lines[1]);
        assertEquals(2, lines.length);
    }

    @Test
    void theCertificatesSurviveASavedReportAndFitTheSchema(@TempDir Path dir) throws Exception {
        ScanReport report = report(List.of(RSA, EC));
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(report, json);
        ReportSchema.assertValid(Json.mapper().readTree(json.toString()));
        Path file = Files.writeString(dir.resolve("saved.json"), json.toString());
        ScanReport saved = new ReportReader(new Tool("smtpscope", "test")).read(file).report();
        assertEquals(report.endpoints().get(0).dane(), saved.endpoints().get(0).dane());
    }
}
