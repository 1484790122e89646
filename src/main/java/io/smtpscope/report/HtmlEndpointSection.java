package io.smtpscope.report;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ReplySeen;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.Timings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.VulnerabilityResult;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.smtpscope.report.Html.escape;

/** The detail block of one endpoint: findings, connection, SMTP, TLS, certificate chain, replies, transcript. */
final class HtmlEndpointSection {
    private final StringBuilder html;

    HtmlEndpointSection(StringBuilder html) {
        this.html = html;
    }

    void write(EndpointResult e, int index) {
        write(e, index, true);
    }

    /**
     * One endpoint as a {@code <details>} element: the heading line (host, mode, address, worst finding) is always
     * shown, the rest only when {@code open} or when the reader opens it, without script. Printing opens them all.
     */
    void write(EndpointResult e, int index, boolean open) {
        var worstFinding = EndpointView.worst(e);
        String worst = worstFinding.map(f -> f.severity().label()).orElse("ok");
        html.append("<article class=\"endpoint ").append(worst).append("\" id=\"ep-").append(index).append("\">");
        html.append(open ? "<details class=\"ep\" open>" : "<details class=\"ep\">");
        html.append("<summary><h3>").append(escape(EndpointView.hostPort(e))).append(" <span class=\"badge plain\">")
                .append(escape(e.mode().label())).append("</span> ")
                .append(worstFinding.map(f -> "<span class=\"badge " + f.severity().label() + "\">" + escape(f.severity().label())
                        + "</span> <span class=\"worst\">" + escape(f.title()) + "</span>").orElse("<span class=\"badge ok\">ok</span>"))
                .append("</h3>");
        html.append("<p class=\"sub\">").append(escape(e.address() == null ? "no address" : e.address()))
                .append(" &middot; ").append(escape(e.reachability().label()));
        if (e.tls() != null && e.tls().protocol() != null) {
            html.append(" &middot; ").append(escape(e.tls().protocol()));
        }
        html.append(" &middot; certificate ").append(escape(EndpointView.certificateStatus(e)))
                .append(" &middot; target <code>").append(escape(e.target())).append("</code></p></summary>");
        if (e.error() != null) {
            html.append("<div class=\"error\"><strong>Stopped at ").append(escape(e.error().phase())).append(": ")
                    .append(escape(e.error().kind().label())).append("</strong><br>").append(escape(e.error().message()))
                    .append("</div>");
        }
        findings(e.findings());
        vulnerabilities(e.vulnerabilities());
        html.append("<div class=\"facts\">");
        connection(e);
        smtp(e.smtp());
        tls(e.tls());
        html.append("</div>");
        certificate(e.certificate());
        replies(e.smtp());
        collapsed("SMTP transcript (" + e.transcript().size() + " lines)", e.transcript());
        collapsed("Reproduce by hand", e.reproduce());
        html.append("</details></article>\n");
    }

    private void findings(List<Finding> findings) {
        html.append("<h4>Findings</h4>");
        if (findings.isEmpty()) {
            html.append("<p class=\"none\">No findings: nothing to fix here.</p>");
            return;
        }
        // Most severe first, so the card to act on is the first one read; ties keep the rules' order.
        List<Finding> bySeverity = findings.stream()
                .sorted(java.util.Comparator.comparingInt((Finding f) -> f.severity() == null ? 0 : -(f.severity().ordinal() + 1)))
                .toList();
        for (Finding f : bySeverity) {
            html.append("<div class=\"finding\"><p><span class=\"badge ").append(f.severity().label()).append("\">")
                    .append(escape(f.severity().label())).append("</span> <strong>").append(escape(f.title()))
                    .append("</strong> <code class=\"none\">").append(escape(f.id())).append("</code></p>")
                    .append("<p>").append(escape(f.explanation())).append("</p>")
                    .append("<p><span class=\"fix\">Fix:</span> ").append(escape(f.remedy())).append("</p>");
            if (!f.references().isEmpty()) {
                html.append("<p class=\"refs\">").append(escape(String.join(" · ", f.references()))).append("</p>");
            }
            html.append("</div>");
        }
    }

    /** The vulnerability checks as a table: check, status, reason, evidence (every cell escaped). */
    private void vulnerabilities(List<VulnerabilityResult> checks) {
        if (checks.isEmpty()) {
            return;
        }
        html.append("<h4>Vulnerability checks</h4><table class=\"vulns\"><thead><tr><th>Check</th><th>Status</th>"
                + "<th>Why</th><th>Evidence</th></tr></thead><tbody>");
        for (VulnerabilityResult v : checks) {
            String badge = switch (v.status()) {
                case VULNERABLE -> "fail";
                case NOT_VULNERABLE -> "ok";
                case NOT_TESTED -> "plain";
            };
            html.append("<tr><td><code>").append(text(v.id())).append("</code></td><td><span class=\"badge ")
                    .append(badge).append("\">").append(escape(v.status().label().replace('_', ' ')))
                    .append("</span></td><td>").append(text(v.reason())).append("</td><td>");
            v.evidence().forEach((name, value) -> html.append("<div><span class=\"none\">").append(text(name))
                    .append(":</span> ").append(text(value)).append("</div>"));
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    /** Evidence may quote a server: control characters shown as \\xNN, then HTML-escaped. */
    private static String text(String value) {
        return escape(io.smtpscope.text.Printable.escapeControls(value == null ? "" : value));
    }

    private void connection(EndpointResult e) {
        html.append("<div><h4>Connection</h4><dl class=\"kv\">");
        kv("Address", e.address());
        kv("Port", String.valueOf(e.port()));
        kv("Mode", e.mode().label());
        kv("TCP", e.reachability().label());
        Timings t = e.timingsMs();
        if (t != null) {
            kv("Timings", timings(t));
        }
        html.append("</dl></div>");
    }

    private static String timings(Timings t) {
        StringBuilder sb = new StringBuilder();
        append(sb, "connect", t.connect());
        append(sb, "banner", t.banner());
        append(sb, "EHLO", t.ehlo());
        append(sb, "STARTTLS", t.starttls());
        append(sb, "handshake", t.handshake());
        append(sb, "total", t.total());
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, Long ms) {
        if (ms != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append(name).append(' ').append(ms).append(" ms");
        }
    }

    private void smtp(SmtpResult smtp) {
        html.append("<div><h4>SMTP</h4>");
        if (smtp == null) {
            html.append("<p class=\"none\">No SMTP dialogue.</p></div>");
            return;
        }
        html.append("<dl class=\"kv\">");
        if (smtp.banner() != null) {
            kvMono("Banner", (smtp.banner().code() == null ? "" : smtp.banner().code() + " ") + smtp.banner().text());
            kv("Service", smtp.banner().service());
        }
        ehlo("EHLO", smtp.ehlo());
        if (smtp.starttls() != null) {
            var s = smtp.starttls();
            String state = s.offered() ? "offered" : "not offered";
            if (s.stripped()) {
                state += ", STRIPPED by a middlebox" + (s.maskedKeyword() == null ? "" : " (seen as " + s.maskedKeyword() + ")");
            }
            if (s.attempted()) {
                state += Boolean.TRUE.equals(s.upgraded()) ? ", upgraded" : ", not upgraded";
            }
            kv("STARTTLS", state);
            if (s.code() != null) {
                kvMono("STARTTLS reply", s.code() + " " + (s.text() == null ? "" : s.text()));
            }
            if (s.error() != null) {
                kv("STARTTLS error", s.error());
            }
        }
        ehlo("EHLO after TLS", smtp.ehloAfterTls());
        if (smtp.auth() != null) {
            kv("AUTH before TLS", smtp.auth().beforeTls().isEmpty() ? "none" : String.join(" ", smtp.auth().beforeTls()));
            kv("AUTH after TLS", smtp.auth().afterTls().isEmpty() ? "none" : String.join(" ", smtp.auth().afterTls()));
        }
        html.append("</dl></div>");
    }

    private void ehlo(String name, HelloReply ehlo) {
        if (ehlo != null) {
            kvMono(name, (ehlo.code() == null ? "" : ehlo.code() + " ")
                    + (ehlo.extensions().isEmpty() ? "(no extensions)" : String.join(", ", ehlo.extensions())));
        }
    }

    private void tls(TlsResult tls) {
        html.append("<div><h4>TLS</h4>");
        if (tls == null) {
            html.append("<p class=\"none\">No TLS session.</p></div>");
            return;
        }
        html.append("<dl class=\"kv\">");
        kv("Protocol", tls.protocol());
        kvMono("Cipher suite", tls.cipherSuite());
        kv("SNI sent", tls.sni());
        if (tls.protocols() != null) {
            kv("Protocols", tls.protocols().entrySet().stream()
                    .map(p -> p.getKey() + " " + (p.getValue() == null ? "untested" : p.getValue() ? "yes" : "no"))
                    .collect(Collectors.joining(", ")));
        }
        if (tls.serverPreference() != null) {
            kv("Server order", tls.serverPreference().entrySet().stream()
                    .map(p -> p.getKey() + " " + (p.getValue() == null ? "?" : p.getValue() ? "server" : "client"))
                    .collect(Collectors.joining(", ")));
        }
        if (tls.groups() != null) {
            kv("TLS 1.3 groups", String.join(", ", tls.groups()));
        }
        if (tls.curves() != null) {
            kv("ECDHE curves", String.join(", ", tls.curves()));
        }
        if (tls.dhBits() != null) {
            kv("Smallest DH group", tls.dhBits() + " bits");
        }
        if (tls.extensions() != null) {
            var x = tls.extensions();
            kv("Extensions", "secure renegotiation " + yesNo(x.secureRenegotiation())
                    + ", extended master secret " + yesNo(x.extendedMasterSecret())
                    + ", session ticket " + yesNo(x.sessionTicket()) + ", OCSP stapling " + yesNo(x.ocspStapling())
                    + (x.alpn() == null ? "" : ", ALPN " + x.alpn()));
        }
        if (tls.connectionsUsed() != null) {
            kv("Connections used", String.valueOf(tls.connectionsUsed()));
        }
        html.append("</dl>");
        if (tls.cipherSuites() != null && !tls.cipherSuites().isEmpty()) {
            html.append("<details><summary>Accepted cipher suites</summary>");
            for (Map.Entry<String, List<String>> v : tls.cipherSuites().entrySet()) {
                html.append("<p><strong>").append(escape(v.getKey())).append("</strong></p><pre>")
                        .append(escape(String.join("\n", v.getValue()))).append("</pre>");
            }
            html.append("</details>");
        }
        html.append("</div>");
    }

    private static String yesNo(Boolean b) {
        return b == null ? "untested" : b ? "yes" : "no";
    }

    private void certificate(CertificateResult cert) {
        if (cert == null || cert.chain().isEmpty()) {
            return;
        }
        html.append("<h4>Certificate chain</h4><dl class=\"kv\">");
        kv("Trusted", cert.trusted() ? "yes" : "no" + (cert.trustError() == null ? "" : ": " + cert.trustError()));
        kv("Name checked", cert.nameChecked() + (cert.nameMatches() ? " (matches)" : " (DOES NOT match)"));
        kv("Days remaining", String.valueOf(cert.daysRemaining()));
        html.append("</dl><ol class=\"chain\" start=\"0\">");
        for (ChainCertificate c : cert.chain()) {
            html.append("<li><dl class=\"kv\">");
            kvMono("Subject", c.subject());
            kvMono("Issuer", c.issuer());
            kv("Valid", (c.notBefore() == null ? "?" : c.notBefore().toString()) + " to "
                    + (c.notAfter() == null ? "?" : c.notAfter().toString()));
            if (!c.sans().isEmpty()) {
                kvMono("Names (SAN)", String.join(", ", c.sans()));
            }
            kv("Key", c.keyAlgorithm() + (c.keyBits() == null ? "" : " " + c.keyBits() + " bits")
                    + ", signed with " + c.signatureAlgorithm());
            kvMono("Serial", c.serial());
            kvMono("SHA-256", c.sha256());
            html.append("</dl></li>");
        }
        html.append("</ol>");
    }

    private void replies(SmtpResult smtp) {
        if (smtp == null || smtp.replies().isEmpty()) {
            return;
        }
        html.append("<h4>Replies explained</h4><div class=\"table-wrap\"><table class=\"small\"><thead><tr>")
                .append("<th>Command</th><th>Code</th><th>Reply</th><th>Meaning</th></tr></thead><tbody>");
        for (ReplySeen r : smtp.replies()) {
            html.append("<tr><td class=\"mono\">").append(escape(r.command())).append("</td><td class=\"mono\">")
                    .append(r.code()).append(r.enhancedCode() == null ? "" : " " + escape(r.enhancedCode()))
                    .append("</td><td class=\"mono\">").append(escape(firstLine(r.text()))).append("</td><td>")
                    .append(escape(r.meaning())).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " \u2026";
    }

    private void collapsed(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        html.append("<details><summary>").append(escape(title)).append("</summary><pre>")
                .append(escape(String.join("\n", lines))).append("</pre></details>");
    }

    private void kv(String key, String value) {
        html.append("<dt>").append(escape(key)).append("</dt><dd>")
                .append(value == null ? "<span class=\"none\">&ndash;</span>" : escape(value)).append("</dd>");
    }

    private void kvMono(String key, String value) {
        html.append("<dt>").append(escape(key)).append("</dt><dd class=\"mono\">")
                .append(value == null ? "<span class=\"none\">&ndash;</span>" : escape(value)).append("</dd>");
    }
}
