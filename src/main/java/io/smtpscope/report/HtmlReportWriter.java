package io.smtpscope.report;

import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

import static io.smtpscope.report.Html.escape;

/**
 * The HTML report: one self-contained file (inline CSS, inline SVG, one small inline script) that makes
 * no request of any kind, so it opens from an e-mail attachment or an air-gapped laptop. A
 * Content-Security-Policy forbids all network access and allows only this page's own script (by hash).
 * Without script everything is still there; the script only adds sorting and filtering of the table.
 * Every value that did not come from smtpscope itself passes through {@link Html#escape}.
 */
public final class HtmlReportWriter {
    private static final String CSS = resource("html/report.css");
    private static final String SCRIPT = resource("html/report.js");
    /** CSP 3 hash source: the SHA-256 of the exact script text between the tags. */
    static final String SCRIPT_HASH = "sha256-" + sha256Base64(SCRIPT);
    /** Endpoints shown open; the rest start collapsed, so a long report stays a page one can scroll through. */
    static final int OPEN_ENDPOINTS = 3;
    /** Findings listed under "Fix first" at the top, so the worst is on the first screen, also on a phone. */
    static final int FIX_FIRST = 3;
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src '" + SCRIPT_HASH
            + "'; img-src data:; base-uri 'none'; form-action 'none'";

    public void write(ScanReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public String render(ScanReport report) {
        StringBuilder html = new StringBuilder(64 * 1024 + report.endpoints().size() * 6 * 1024);
        head(report, html);
        html.append("<main>");
        summary(report, html);
        diagnosis(report.diagnosis(), html);
        HtmlDomainSection.write(report.domains(), report.endpoints(), html);
        charts(report, html);
        List<EndpointResult> worstFirst = worstFirst(report.endpoints());
        table(worstFirst, html);
        html.append("<h2>Endpoints in detail <small class=\"none\">(worst first")
                .append(worstFirst.size() > OPEN_ENDPOINTS ? "; the first " + OPEN_ENDPOINTS + " open, the others open on a click" : "")
                .append(")</small></h2>");
        HtmlEndpointSection section = new HtmlEndpointSection(html);
        for (int i = 0; i < worstFirst.size(); i++) {
            section.write(worstFirst.get(i), i + 1, i < OPEN_ENDPOINTS);
        }
        html.append("</main><footer>Written by ").append(escape(report.tool().name())).append(' ')
                .append(escape(report.tool().version()))
                .append(" &middot; report schema ").append(escape(report.schema()))
                .append(" &middot; a self-contained file: it loads nothing from the network.</footer>\n");
        html.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(ScanReport report, StringBuilder html) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(escape(CSP)).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>smtpscope report: ").append(report.endpoints().size()).append(" endpoint(s), ")
                .append(escape(day(report.startedAt()))).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header class=\"top\"><h1>smtpscope report<small>SMTP connectivity and TLS</small></h1>")
                .append("<p class=\"meta\">").append(escape(scanned(report.endpoints()))).append("</p></header>\n");
    }

    private static void summary(ScanReport report, StringBuilder html) {
        if (!report.complete()) {
            html.append("<div class=\"incomplete\">Incomplete: the run was interrupted, or its input was cut short. ")
                    .append("This report holds only the endpoints that had finished.</div>");
        }
        List<EndpointResult> eps = report.endpoints();
        fixFirst(worstFirst(eps), html);
        long open = eps.stream().filter(e -> e.reachability() == Reachability.OPEN).count();
        html.append("<section class=\"cards\" aria-label=\"Counts\">");
        card(html, "", eps.size(), "endpoints");
        card(html, "ok", open, "open");
        card(html, eps.size() - open > 0 ? "fail" : "", eps.size() - open, "not reachable");
        for (Severity s : List.of(Severity.FAIL, Severity.WARN, Severity.INFO)) {
            long n = eps.stream().mapToLong(e -> EndpointView.count(e, s)).sum();
            card(html, n > 0 ? s.label() : "", n, s.label() + " findings");
        }
        html.append("</section>");
        html.append("<div class=\"two\"><div class=\"panel\"><h4 style=\"margin-top:0\">Run</h4><dl class=\"run\">");
        dt(html, "Started", time(report.startedAt()));
        dt(html, "Finished", time(report.finishedAt()));
        if (report.startedAt() != null && report.finishedAt() != null) {
            dt(html, "Duration", duration(Duration.between(report.startedAt(), report.finishedAt())));
        }
        dt(html, "Profile", report.profile());
        dt(html, "Complete", report.complete() ? "yes" : "no (interrupted)");
        html.append("</dl></div><div class=\"panel\"><h4 style=\"margin-top:0\">Scanned</h4><dl class=\"run\">");
        dt(html, "Hosts", String.join(", ", new TreeSet<>(eps.stream().map(EndpointResult::host).toList())));
        dt(html, "Ports", String.join(", ", new TreeSet<>(eps.stream().map(e -> e.port()).toList()).stream().map(String::valueOf).toList()));
        dt(html, "Addresses", String.valueOf(eps.stream().map(EndpointResult::address).filter(Objects::nonNull).distinct().count()));
        html.append("</dl></div></div>");
        if (!report.inputErrors().isEmpty()) {
            html.append("<details><summary>").append(report.inputErrors().size())
                    .append(" input line(s) skipped</summary><pre>")
                    .append(escape(String.join("\n", report.inputErrors()))).append("</pre></details>");
        }
    }

    /** The most severe findings of the run, each linked to its endpoint's details (numbered as in the table). */
    private static void fixFirst(List<EndpointResult> worstFirst, StringBuilder html) {
        record Item(Finding finding, EndpointResult endpoint, int index) {
        }
        List<Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < worstFirst.size(); i++) {
            for (Finding f : worstFirst.get(i).findings()) {
                if (f.severity() != null && f.severity() != Severity.INFO) {
                    items.add(new Item(f, worstFirst.get(i), i + 1));
                }
            }
        }
        if (items.isEmpty()) {
            return;
        }
        List<Item> shown = items.stream().sorted(java.util.Comparator.comparingInt((Item it) -> -severityRank(it.finding().severity())))
                .limit(FIX_FIRST).toList();
        html.append("<section class=\"panel fixfirst\" aria-label=\"Fix first\"><h2>Fix first</h2><ol>");
        for (Item it : shown) {
            html.append("<li><span class=\"badge ").append(it.finding().severity().label()).append("\">")
                    .append(escape(it.finding().severity().label())).append("</span> <strong>")
                    .append(escape(it.finding().title())).append("</strong> <a href=\"#ep-").append(it.index()).append("\">")
                    .append(escape(EndpointView.hostPort(it.endpoint()))).append("</a></li>");
        }
        html.append("</ol>");
        if (items.size() > shown.size()) {
            html.append("<p class=\"none\">and ").append(items.size() - shown.size())
                    .append(" more fail and warn finding(s) below.</p>");
        }
        html.append("</section>");
    }

    private static void diagnosis(List<Diagnosis> diagnosis, StringBuilder html) {
        if (diagnosis.isEmpty()) {
            return;
        }
        html.append("<h2>Network diagnosis</h2>");
        for (Diagnosis d : diagnosis) {
            html.append("<div class=\"finding panel\"><p><span class=\"badge ")
                    .append(d.severity() == null ? "" : d.severity().label()).append("\">")
                    .append(escape(d.severity() == null ? "note" : d.severity().label())).append("</span> <strong>")
                    .append(escape(d.title())).append("</strong> <code class=\"none\">").append(escape(d.id()))
                    .append("</code></p><p>").append(escape(d.advice())).append("</p>");
            if (!d.evidence().isEmpty()) {
                html.append("<p class=\"refs\">Evidence: ").append(escape(String.join(", ", d.evidence()))).append("</p>");
            }
            html.append("</div>");
        }
    }

    private static void charts(ScanReport report, StringBuilder html) {
        Instant now = report.finishedAt() != null ? report.finishedAt() : Instant.now();
        html.append("<div class=\"two\"><figure class=\"panel\"><figcaption>Endpoint outcomes</figcaption>")
                .append(SvgCharts.outcomes(report.endpoints()))
                .append("</figure><figure class=\"panel\"><figcaption>Certificate expiry (days from ")
                .append(escape(day(now))).append(")</figcaption>")
                .append(SvgCharts.certificateExpiry(report.endpoints(), now))
                .append("<div class=\"legend\"><i class=\"fail\"></i>expired<i class=\"warn\"></i>under 30 days")
                .append("<i class=\"ok\"></i>30 days or more</div></figure></div>");
    }

    private static void table(List<EndpointResult> eps, StringBuilder html) {
        html.append("<h2>Endpoints</h2>");
        html.append("<div class=\"tools\" id=\"table-tools\" hidden>")
                .append("<input id=\"filter-text\" type=\"search\" placeholder=\"Filter: host, address, finding\u2026\" aria-label=\"Filter endpoints\">")
                .append("<select id=\"filter-severity\" aria-label=\"Worst finding\"><option value=\"\">any finding</option>")
                .append("<option value=\"fail\">worst: fail</option><option value=\"warn\">worst: warn</option>")
                .append("<option value=\"info\">worst: info</option><option value=\"ok\">no findings</option></select>")
                .append("<select id=\"filter-reachability\" aria-label=\"Reachability\"><option value=\"\">any reachability</option>");
        for (Reachability r : Reachability.values()) {
            html.append("<option value=\"").append(r.label()).append("\">").append(r.label()).append("</option>");
        }
        html.append("</select><span class=\"count\" id=\"filter-count\"></span></div>");
        html.append("<div class=\"table-wrap\"><table class=\"endpoints\" id=\"endpoint-table\"><thead><tr>")
                .append("<th>Host</th><th>Address</th><th>Port</th><th>Mode</th><th>Reachability</th>")
                .append("<th>TLS</th><th>Certificate</th><th>Worst finding</th></tr></thead><tbody>");
        for (int i = 0; i < eps.size(); i++) {
            EndpointResult e = eps.get(i);
            var worst = EndpointView.worst(e);
            String sev = worst.map(f -> f.severity().label()).orElse("ok");
            String cert = EndpointView.certificateStatus(e);
            html.append("<tr data-severity=\"").append(sev).append("\" data-reachability=\"")
                    .append(escape(e.reachability().label())).append("\">")
                    .append("<td><a href=\"#ep-").append(i + 1).append("\">").append(escape(e.host())).append("</a></td>")
                    .append("<td class=\"mono\">").append(escape(e.address() == null ? "\u2013" : e.address())).append("</td>")
                    .append("<td class=\"num\" data-v=\"").append(e.port()).append("\">").append(e.port()).append("</td>")
                    .append("<td class=\"nowrap\"><span>").append(escape(e.mode().label())).append("</span></td>")
                    .append("<td><span class=\"badge ").append(e.reachability() == Reachability.OPEN ? "ok" : "fail")
                    .append("\">").append(escape(e.reachability().label())).append("</span>")
                    .append(e.error() == null ? "" : " <span class=\"none\">" + escape(e.error().kind().label()) + "</span>")
                    .append("</td>")
                    .append("<td>").append(escape(e.tls() == null ? "\u2013" : e.tls().protocol())).append("</td>")
                    .append("<td><span class=\"badge ").append(certClass(cert)).append("\">").append(escape(cert))
                    .append("</span></td>")
                    .append("<td data-v=\"").append(severityRank(worst.map(Finding::severity).orElse(null))).append("\">")
                    .append(worst.map(f -> "<span class=\"badge " + f.severity().label() + "\">" + escape(f.severity().label())
                            + "</span> " + escape(f.title())).orElse("<span class=\"badge ok\">ok</span>"))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table></div>");
    }

    /** People read top-down: what needs fixing first, then the rest in scan order (the sort is stable). */
    static List<EndpointResult> worstFirst(List<EndpointResult> endpoints) {
        return endpoints.stream().sorted(java.util.Comparator.comparingInt(
                (EndpointResult e) -> -severityRank(EndpointView.worst(e).map(Finding::severity).orElse(null)))).toList();
    }

    private static String certClass(String status) {
        return switch (status) {
            case "valid" -> "ok";
            case "none" -> "";
            default -> "fail";
        };
    }

    private static int severityRank(Severity s) {
        return s == null ? 0 : s.ordinal() + 1;
    }

    private static void card(StringBuilder html, String cls, long n, String label) {
        html.append("<div class=\"card ").append(cls).append("\"><div class=\"n\">").append(n)
                .append("</div><div class=\"l\">").append(escape(label)).append("</div></div>");
    }

    private static void dt(StringBuilder html, String key, String value) {
        html.append("<dt>").append(escape(key)).append("</dt><dd>").append(escape(value == null ? "\u2013" : value)).append("</dd>");
    }

    private static String scanned(List<EndpointResult> eps) {
        TreeSet<String> hosts = new TreeSet<>(eps.stream().map(EndpointResult::host).toList());
        String list = hosts.size() <= 4 ? String.join(", ", hosts) : String.join(", ", hosts.stream().limit(4).toList())
                + " and " + (hosts.size() - 4) + " more";
        return eps.size() + " endpoint(s) on " + hosts.size() + " host(s)" + (hosts.isEmpty() ? "" : ": " + list);
    }

    /** Seconds are enough for people; the JSON keeps the exact instant. */
    private static String time(Instant instant) {
        return instant == null ? null : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static String day(Instant instant) {
        return instant == null ? "unknown date" : instant.toString().substring(0, 10);
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0)
                : String.format(Locale.ROOT, "%d min %d s", d.toMinutes(), d.toSecondsPart());
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
