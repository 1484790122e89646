package io.smtpscope.report;

import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.FindingRules;
import io.smtpscope.finding.JudgePolicy;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ExpiryDays;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Synthetic;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.Tool;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.smtpscope.result.Synthetic.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console report says what is wrong and what to do, for every problem of an endpoint, not only the worst. */
class ConsoleReportTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final FindingRules RULES = new FindingRules(FindingCatalogue.bundled(), JudgePolicy.defaults());

    /** Expired 12 days and 1 second ago, issued for another name, TLS 1.0 offered, AUTH before TLS. */
    static EndpointResult careless() {
        Instant notAfter = NOW.minus(Duration.ofDays(12)).minusSeconds(1);
        ChainCertificate leaf = new ChainCertificate("CN=old-mail.example.net", "CN=test CA", "01", notAfter.minus(Duration.ofDays(90)),
                notAfter, List.of("DNS:old-mail.example.net"), "EC", 256, "SHA256withECDSA", "ab");
        CertificateResult cert = new CertificateResult(List.of(leaf), false, "a certificate in the chain has expired",
                "mail.careless.test", false, true, false, ExpiryDays.between(NOW, notAfter), false);
        Map<String, Boolean> protocols = new LinkedHashMap<>(Map.of("TLSv1", true, "TLSv1.1", false, "TLSv1.2", true, "TLSv1.3", true));
        EndpointResult observed = endpoint("mail.careless.test", 25).healthy().auth(List.of("PLAIN", "LOGIN"), List.of("PLAIN", "LOGIN"))
                .tls(new TlsResult("TLSv1.3", "TLS_AES_128_GCM_SHA256", "mail.careless.test", protocols,
                        Map.of("TLSv1", List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")), null, null, null, null, null, null, null, null))
                .certificate(cert).transcript("S: 220 mail.careless.test ESMTP \u001b[2J", "C: EHLO smtpscope.invalid").build();
        return observed.withFindings(RULES.findings(observed));
    }

    private static String render(ScanReport report, boolean verbose, ConsoleStyle style) {
        StringWriter out = new StringWriter();
        new ConsoleReport(verbose, style).write(report, new PrintWriter(out));
        return out.toString();
    }

    private static ScanReport report(EndpointResult... endpoints) {
        return new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), NOW.minusMillis(3_200), NOW, "default",
                List.of(endpoints), List.of(), true, List.of());
    }

    @Test
    void everyProblemOfAnEndpointIsListedWorstFirstWithWhyAndFix() {
        EndpointResult e = careless();
        String text = render(report(e), false, ConsoleStyle.PLAIN);
        for (String id : List.of("AUTH_BEFORE_TLS", "CERT_EXPIRED", "CERT_NAME_MISMATCH", "TLS_LEGACY_PROTOCOL")) {
            assertTrue(text.contains(id + ": "), id + " missing:\n" + text);
        }
        assertTrue(text.indexOf("FAIL CERT_EXPIRED") < text.indexOf("WARN TLS_LEGACY_PROTOCOL"), "worst first:\n" + text);
        String remedy = e.findings().stream().filter(f -> f.id().equals("AUTH_BEFORE_TLS")).findFirst().orElseThrow().remedy();
        assertTrue(text.contains("fix: " + remedy), "the catalogue's fix is printed:\n" + text);
        assertTrue(text.contains("why: "), text);
    }

    @Test
    void factsCarryTheirVerdicts() {
        String text = render(report(careless()), false, ConsoleStyle.PLAIN);
        assertTrue(text.contains("TLSv1 (deprecated)"), text);
        assertTrue(text.contains("expired 12 days ago"), text);
        assertTrue(text.contains("name mismatch: does not cover mail.careless.test"), text);
        assertTrue(text.contains("PLAIN LOGIN before TLS"), text);
    }

    @Test
    void theSummaryCountsEndpointsByStatusAndGivesTheDuration() {
        EndpointResult ok = endpoint("mail.good.test", 587).healthy().build();
        String text = render(report(careless(), ok), false, ConsoleStyle.PLAIN);
        String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("2 endpoint(s) in 3.2 s: 1 fail, 0 warn, 1 ok; "), last);
    }

    @Test
    void verboseAddsTimingsAndTheTranscriptEscaped() {
        String quiet = render(report(careless()), false, ConsoleStyle.PLAIN);
        String verbose = render(report(careless()), true, ConsoleStyle.PLAIN);
        assertFalse(quiet.contains("transcript"), quiet);
        assertTrue(verbose.contains("transcript") && verbose.contains("C: EHLO smtpscope.invalid"), verbose);
        assertTrue(verbose.contains("timings") && verbose.contains("total "), verbose);
        assertFalse(verbose.contains("\u001b"), "a server's escape sequence never reaches the terminal");
        assertTrue(verbose.contains("\\x1b[2J"), verbose);
    }

    @Test
    void coloursOnlyWhenAskedAndNeverFromTheServer() {
        String plain = render(report(careless()), true, ConsoleStyle.PLAIN);
        String coloured = render(report(careless()), true, ConsoleStyle.COLOUR);
        assertFalse(plain.contains("\u001b["), plain);
        assertTrue(coloured.contains("\u001b[1;31mFAIL\u001b[0m"), coloured);
        assertFalse(coloured.contains("\u001b[2J"), "the server's clear-screen stays escaped");
        assertEquals(plain, coloured.replaceAll("\u001b\\[[0-9;]*m", ""), "colour changes nothing but colour");
    }

    @Test
    void theBriefFormKeepsOneLinePerEndpoint() {
        StringWriter out = new StringWriter();
        new ConsoleSummary().write(report(careless(), Synthetic.endpoint("mail.good.test", 587).healthy().build()),
                new PrintWriter(out));
        List<String> lines = out.toString().strip().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertTrue(lines.get(1).contains("worst: FAIL"), lines.get(1));
    }
}
