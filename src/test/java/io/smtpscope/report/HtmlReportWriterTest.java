package io.smtpscope.report;

import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Synthetic;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.TlsExtensionsSeen;
import io.smtpscope.result.TlsResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportWriterTest {
    private final HtmlReportWriter writer = new HtmlReportWriter();

    @Test
    void markupAServerSentIsShownAsText() throws Exception {
        ScanReport report = ScanFixtures.hostile();
        EndpointResult e = report.endpoints().getFirst();
        // The attack really reached the report: otherwise this test would prove nothing.
        assertTrue(e.smtp().banner().text().contains(ScanFixtures.SCRIPT_BANNER), e.smtp().banner().text());
        assertTrue(e.smtp().banner().text().contains(ScanFixtures.IMG_BANNER));
        assertTrue(e.smtp().ehlo().extensions().contains(ScanFixtures.EHLO_ATTACK));

        String html = writer.render(report);

        assertFalse(html.contains(ScanFixtures.SCRIPT_BANNER));
        assertFalse(html.contains(ScanFixtures.IMG_BANNER));
        assertFalse(html.contains("<img"), "no img element may appear");
        assertFalse(html.contains("<b onmouseover"));
        assertEquals(1, count(html, "<script"), "only the report's own script");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("X-&lt;b onmouseover=alert(2)&gt;&#39;&quot;&amp;amp;"));
    }

    @Test
    void pageIsSelfContainedAndItsPolicyForbidsTheNetwork() throws Exception {
        String html = writer.render(ScanFixtures.demo());
        Matcher refs = Pattern.compile("(?i)\\b(src|href|action|xlink:href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (refs.find()) {
            assertTrue(refs.group(2).startsWith("#"), "only in-page references, found " + refs.group());
        }
        assertFalse(html.contains("url("), "no CSS url()");
        assertFalse(html.contains("@import"));
        assertFalse(Pattern.compile("(?i)https?://").matcher(html).find(), "no absolute URL anywhere");

        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(html);
        assertTrue(csp.find());
        String policy = csp.group(1).replace("&#39;", "'");
        assertTrue(policy.startsWith("default-src 'none';"), policy);
        assertTrue(policy.contains("img-src data:"), policy);
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(script.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(policy.contains("script-src 'sha256-" + hash + "'"), "the policy allows exactly the page's script");
    }

    @Test
    void tableAndDetailsCoverEveryEndpointWithoutScript() throws Exception {
        ScanReport report = ScanFixtures.demo();
        String html = writer.render(report);
        String tbody = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        assertEquals(report.endpoints().size(), count(tbody, "<tr "));
        for (int i = 1; i <= report.endpoints().size(); i++) {
            assertTrue(tbody.contains("href=\"#ep-" + i + "\""));
            assertTrue(html.contains("<article class=\"endpoint") && html.contains("id=\"ep-" + i + "\""));
        }
        assertTrue(tbody.contains("mail.careless.test"));
        assertTrue(tbody.contains(">expired<"), "careless certificate is expired");
        assertTrue(tbody.contains("STARTTLS stripped"), "worst finding of the firewalled server");
        assertTrue(html.contains("<details><summary>SMTP transcript ("), "transcript collapsed");
        assertTrue(html.contains("Replies explained"));
        assertTrue(html.contains("Certificate chain"));
        assertTrue(html.contains("Days until certificate expiry"), "expiry chart");
        assertTrue(html.contains("connection refused"), "outcome chart names the refused port");
        assertTrue(html.contains("id=\"table-tools\" hidden"), "filter controls only appear with script");
        assertTrue(html.contains("[hidden]{display:none !important}"), "no author style may un-hide them");
        assertFalse(html.contains("class=\"incomplete\""));
    }

    @Test
    void theWorstFewEndpointsAreOpenTheRestCollapsedAndTheWorstFindingsComeFirst() {
        List<EndpointResult> eps = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            eps.add(io.smtpscope.result.Synthetic.endpoint("mx" + i + ".fold.test", 25).healthy()
                    .findings(io.smtpscope.result.Synthetic.finding("INFO_" + i, Severity.INFO)).build());
        }
        eps.add(io.smtpscope.result.Synthetic.endpoint("mx.bad.test", 465).healthy()
                .findings(io.smtpscope.result.Synthetic.finding("WORST_ONE", Severity.FAIL)).build());
        String html = writer.render(io.smtpscope.result.Synthetic.report(java.time.Instant.EPOCH, eps.toArray(EndpointResult[]::new)));
        assertEquals(HtmlReportWriter.OPEN_ENDPOINTS, count(html, "<details class=\"ep\" open>"));
        assertEquals(eps.size() - HtmlReportWriter.OPEN_ENDPOINTS, count(html, "<details class=\"ep\">"));
        assertTrue(html.indexOf("id=\"ep-1\"><details class=\"ep\" open><summary><h3>mx.bad.test:465") > 0, "the worst is first and open");
        int fixFirst = html.indexOf("<section class=\"panel fixfirst\"");
        assertTrue(fixFirst > 0 && fixFirst < html.indexOf("<section class=\"cards\""), "Fix first is the first thing after the header");
        String panel = html.substring(fixFirst, html.indexOf("</section>", fixFirst));
        assertTrue(panel.contains("<strong>worst one</strong> <a href=\"#ep-1\">mx.bad.test:465</a>"), panel);
        assertFalse(panel.contains("info 1"), "infos are not listed to fix first");
        assertTrue(html.contains("<td class=\"nowrap\"><span>implicit-tls</span></td>"), "the mode never breaks at its hyphen");
    }

    @Test
    void diagnosisIncompletenessAndEnumerationAreShownWhenPresent() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        EndpointResult first = demo.endpoints().getFirst();
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        protocols.put("TLSv1.3", true);
        protocols.put("TLSv1.0", false);
        protocols.put("SSLv3", null);
        TlsResult enumerated = new TlsResult("TLSv1.3", "TLS_AES_128_GCM_SHA256", "mail.good.test", protocols,
                Map.of("TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")), Map.of("TLSv1.2", true),
                List.of("x25519"), List.of("secp256r1"), 2048, new TlsExtensionsSeen(true, true, false, null, null), 17, null, null);
        ScanReport report = new ScanReport(demo.schema(), demo.tool(), demo.startedAt(), demo.finishedAt(), demo.profile(),
                List.of(Synthetic.withTls(first, enumerated)), List.of(), false,
                List.of(new Diagnosis("PORT25_BLOCKED", Severity.WARN, "Outbound port 25 <blocked>",
                        "Ask the provider & use 587.", List.of("mx.example.com:25"))));
        String html = writer.render(report);
        assertTrue(html.contains("Network diagnosis"));
        assertTrue(html.contains("Outbound port 25 &lt;blocked&gt;"));
        assertTrue(html.contains("Ask the provider &amp; use 587."));
        assertTrue(html.contains("class=\"incomplete\""));
        assertTrue(html.contains("TLSv1.3 yes, TLSv1.0 no, SSLv3 untested"));
        assertTrue(html.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertTrue(html.contains("2048 bits"));
        assertTrue(html.contains("x25519"));
        assertTrue(html.contains("secure renegotiation yes"));
    }

    @Test
    void emptyReportStillRenders() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        String html = writer.render(demo.withEndpoints(List.of()));
        assertTrue(html.contains("No endpoints."));
        assertTrue(html.endsWith("</html>\n"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
