package io.smtpscope.report;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ReplySeen;
import io.smtpscope.result.Severity;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.Synthetic;
import io.smtpscope.result.TlsExtensionsSeen;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One endpoint's detail block: every section rendered, every server-chosen string escaped where it lands. */
class HtmlEndpointSectionTest {
    /** Closes an attribute of either quote and opens a tag; an ampersand that must not start a reference. */
    private static final String ATTACK = "<img src=x onerror=alert(1)>\"'&amp;";
    private static final String SHOWN = "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;amp;";

    private static String render(EndpointResult e, int index) {
        StringBuilder html = new StringBuilder();
        new HtmlEndpointSection(html).write(e, index);
        return html.toString();
    }

    /** A STARTTLS endpoint where every text a server (or a hostile name) can choose carries {@link #ATTACK}. */
    private static EndpointResult everythingHostile() {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        protocols.put("TLSv1.3", true);
        protocols.put("TLSv1.1", false);
        protocols.put("SSLv3", null);
        Map<String, Boolean> order = new LinkedHashMap<>();
        order.put("TLSv1.2", true);
        order.put("TLSv1.3", null);
        TlsResult tls = new TlsResult("TLSv1.3", "TLS_AES_128_GCM_SHA256 " + ATTACK, "sni." + ATTACK, protocols,
                Map.of("TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", ATTACK)), order,
                List.of("x25519", ATTACK), List.of("secp256r1"), 2048,
                new TlsExtensionsSeen(true, false, null, true, "h2" + ATTACK), 17, null, null);
        ChainCertificate leaf = new ChainCertificate("CN=" + ATTACK, "CN=issuer " + ATTACK, "1f" + ATTACK,
                Instant.parse("2026-01-01T00:00:00Z"), null, List.of("DNS:" + ATTACK), "EC", 256, "SHA256withECDSA" + ATTACK,
                "ab" + ATTACK);
        return Synthetic.endpoint("mail.hostile.test", 25).address("192.0.2.66" + ATTACK)
                .banner(220, "banner " + ATTACK)
                .ehlo(new HelloReply(250, List.of("PIPELINING", "X-" + ATTACK), "EHLO", "x"))
                .starttls(new StartTlsResult(true, true, true, 454, "4.7.0 " + ATTACK, false, "starttls error " + ATTACK, "XXXXXXXA" + ATTACK))
                .ehloAfterTls(new HelloReply(250, List.of(), "EHLO", "x"))
                .auth(List.of("PLAIN", ATTACK), List.of())
                .replies(new ReplySeen("EHLO" + ATTACK, 250, "2.0.0" + ATTACK, "first " + ATTACK + "\nsecond line", "meaning " + ATTACK))
                .tls(tls)
                .certificate(new CertificateResult(List.of(leaf), false, "trust error " + ATTACK, "name." + ATTACK, false,
                        false, false, 30, false))
                .error("handshake", ErrorKind.HANDSHAKE_ERROR, "error message " + ATTACK)
                .findings(new Finding("STARTTLS_STRIPPED", Severity.FAIL, "title " + ATTACK, "explanation " + ATTACK,
                        "remedy " + ATTACK, List.of("RFC 3207", "ref " + ATTACK)))
                .transcript("S: 220 banner " + ATTACK, "C: EHLO x")
                .reproduce("openssl s_client -starttls smtp " + ATTACK)
                .build();
    }

    private static void assertField(String html, String key, String shownValue) {
        assertTrue(html.contains("<dt>" + key + "</dt><dd>" + shownValue + "</dd>")
                        || html.contains("<dt>" + key + "</dt><dd class=\"mono\">" + shownValue + "</dd>"),
                () -> key + " should read '" + shownValue + "' in:\n" + html);
    }

    @Test
    void everyServerChosenStringIsEscapedInEverySection() {
        String html = render(everythingHostile(), 7);
        assertFalse(html.contains("<img"), "no tag a server chose");
        assertFalse(html.contains("onerror=alert(1)>"), "no unescaped attribute end");
        assertFalse(html.contains("&amp;\"") || html.contains("'&amp;amp"), "quotes escaped before the ampersand");
        assertTrue(html.startsWith("<article class=\"endpoint fail\" id=\"ep-7\">"), html.substring(0, 80));
        // The header and the error box.
        assertTrue(html.contains("192.0.2.66" + SHOWN + " &middot; open &middot; TLSv1.3"));
        assertTrue(html.contains("<strong>Stopped at handshake: handshake-error</strong><br>error message " + SHOWN + "</div>"));
        // Findings.
        assertTrue(html.contains("<strong>title " + SHOWN + "</strong>"));
        assertTrue(html.contains("<p>explanation " + SHOWN + "</p>"));
        assertTrue(html.contains("<span class=\"fix\">Fix:</span> remedy " + SHOWN + "</p>"));
        assertTrue(html.contains("<p class=\"refs\">RFC 3207 · ref " + SHOWN + "</p>"));
        // Connection, SMTP, TLS.
        assertField(html, "Address", "192.0.2.66" + SHOWN);
        assertField(html, "Banner", "220 banner " + SHOWN);
        assertField(html, "EHLO", "250 PIPELINING, X-" + SHOWN);
        assertField(html, "EHLO after TLS", "250 (no extensions)");
        assertField(html, "STARTTLS", "offered, STRIPPED by a middlebox (seen as XXXXXXXA" + SHOWN + "), not upgraded");
        assertField(html, "STARTTLS reply", "454 4.7.0 " + SHOWN);
        assertField(html, "STARTTLS error", "starttls error " + SHOWN);
        assertField(html, "AUTH before TLS", "PLAIN " + SHOWN);
        assertField(html, "AUTH after TLS", "none");
        assertField(html, "Cipher suite", "TLS_AES_128_GCM_SHA256 " + SHOWN);
        assertField(html, "SNI sent", "sni." + SHOWN);
        assertField(html, "Protocols", "TLSv1.3 yes, TLSv1.1 no, SSLv3 untested");
        assertField(html, "Server order", "TLSv1.2 server, TLSv1.3 ?");
        assertField(html, "TLS 1.3 groups", "x25519, " + SHOWN);
        assertField(html, "Smallest DH group", "2048 bits");
        assertField(html, "Extensions", "secure renegotiation yes, extended master secret no, session ticket untested, "
                + "OCSP stapling yes, ALPN h2" + SHOWN);
        assertField(html, "Connections used", "17");
        assertTrue(html.contains("<pre>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n" + SHOWN + "</pre>"), "accepted suites");
        // Certificate chain.
        assertField(html, "Trusted", "no: trust error " + SHOWN);
        assertField(html, "Name checked", "name." + SHOWN + " (DOES NOT match)");
        assertField(html, "Subject", "CN=" + SHOWN);
        assertField(html, "Issuer", "CN=issuer " + SHOWN);
        assertField(html, "Valid", "2026-01-01T00:00:00Z to ?");
        assertField(html, "Names (SAN)", "DNS:" + SHOWN);
        assertField(html, "Key", "EC 256 bits, signed with SHA256withECDSA" + SHOWN);
        assertField(html, "Serial", "1f" + SHOWN);
        assertField(html, "SHA-256", "ab" + SHOWN);
        // Replies, transcript, reproduce.
        assertTrue(html.contains("<tr><td class=\"mono\">EHLO" + SHOWN + "</td><td class=\"mono\">250 2.0.0" + SHOWN
                + "</td><td class=\"mono\">first " + SHOWN + " \u2026</td><td>meaning " + SHOWN + "</td></tr>"), "first reply line only");
        assertTrue(html.contains("<details><summary>SMTP transcript (2 lines)</summary><pre>S: 220 banner " + SHOWN + "\nC: EHLO x</pre></details>"));
        assertTrue(html.contains("<details><summary>Reproduce by hand</summary><pre>openssl s_client -starttls smtp " + SHOWN + "</pre></details>"));
        assertTrue(html.endsWith("</article>\n"));
    }

    @Test
    void aClosedPortSaysWhatIsMissingAndLeavesEmptySectionsOut() {
        EndpointResult refused = Synthetic.endpoint("2001:db8::25", 25).reachability(Reachability.REFUSED)
                .error("connect", ErrorKind.CONNECTION_REFUSED, "Connection refused").build();
        String html = render(refused, 1);
        assertTrue(html.contains("<h3>[2001:db8::25]:25 <span class=\"badge plain\">starttls</span> <span class=\"badge ok\">ok</span></h3>"), html);
        assertTrue(html.startsWith("<article class=\"endpoint ok\" id=\"ep-1\">"), "no finding: ok");
        assertTrue(html.contains("<p class=\"none\">No findings: nothing to fix here.</p>"));
        assertTrue(html.contains("<p class=\"none\">No SMTP dialogue.</p>"));
        assertTrue(html.contains("<p class=\"none\">No TLS session.</p>"));
        assertTrue(html.contains("certificate none"));
        for (String absent : List.of("Certificate chain", "Replies explained", "SMTP transcript", "Reproduce by hand")) {
            assertFalse(html.contains(absent), absent + " has nothing to show");
        }
        assertField(html, "TCP", "refused");
        assertField(html, "Timings", "connect 5 ms, total 100 ms");
    }

    @Test
    void findingCardsAreSortedBySeverityWithinTheEndpoint() {
        EndpointResult e = Synthetic.endpoint("mx.order.test", 25).healthy()
                .findings(Synthetic.finding("FIRST_INFO", Severity.INFO), Synthetic.finding("A_WARN", Severity.WARN),
                        Synthetic.finding("THE_FAIL", Severity.FAIL), Synthetic.finding("SECOND_INFO", Severity.INFO))
                .build();
        String html = render(e, 1);
        List<Integer> at = List.of("THE_FAIL", "A_WARN", "FIRST_INFO", "SECOND_INFO").stream()
                .map(id -> html.indexOf("<code class=\"none\">" + id + "</code>")).toList();
        assertTrue(at.stream().allMatch(i -> i > 0), at::toString);
        assertEquals(at.stream().sorted().toList(), at, "fail, warn, then the infos in the rules' order");
        assertTrue(html.contains("<span class=\"badge fail\">fail</span> <span class=\"worst\">the fail</span></h3>"),
                "the heading names the worst finding, so a collapsed endpoint still shows it");
    }

    @Test
    void anEndpointIsADetailsElementOpenOnlyWhenAsked() {
        EndpointResult e = Synthetic.endpoint("mx.fold.test", 25).healthy().build();
        StringBuilder open = new StringBuilder();
        new HtmlEndpointSection(open).write(e, 1, true);
        StringBuilder closed = new StringBuilder();
        new HtmlEndpointSection(closed).write(e, 2, false);
        assertTrue(open.toString().startsWith("<article class=\"endpoint ok\" id=\"ep-1\"><details class=\"ep\" open><summary><h3>"), open::toString);
        assertTrue(closed.toString().startsWith("<article class=\"endpoint ok\" id=\"ep-2\"><details class=\"ep\"><summary><h3>"), closed::toString);
        assertTrue(closed.toString().endsWith("</details></article>\n"));
        assertTrue(closed.toString().indexOf("</summary>") < closed.toString().indexOf("<h4>Findings</h4>"), "the details are inside");
    }

    @Test
    void anEndpointWithoutAnAddressSaysSo() {
        String html = render(Synthetic.endpoint("mx.nowhere.test", 25).reachability(Reachability.DNS_ERROR).build(), 2);
        assertTrue(html.contains("<p class=\"sub\">no address &middot; dns-error"), html);
        assertField(html, "Address", "<span class=\"none\">&ndash;</span>");
    }

    @Test
    void aHealthyImplicitTlsEndpointShowsItsChain() {
        String html = render(Synthetic.endpoint("smtp.good.test", 465).healthy().build(), 3);
        assertEquals(1, html.split("<li>", -1).length - 1, "one certificate in the chain");
        assertField(html, "Mode", Mode.IMPLICIT_TLS.label());
        assertField(html, "Trusted", "yes");
        assertField(html, "Name checked", "smtp.good.test (matches)");
        assertFalse(html.contains("STARTTLS"), "no STARTTLS on an implicit-TLS port");
    }
}
