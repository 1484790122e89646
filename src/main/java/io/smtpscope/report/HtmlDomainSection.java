package io.smtpscope.report;

import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.Severity;

import java.util.Comparator;
import java.util.List;

import static io.smtpscope.report.Html.escape;

/**
 * The HTML report's mail domains: one card per domain, worst first, with its verdict, MX records, DNSSEC, DANE per MX
 * host and per address, and its findings. Every value is escaped: DNS answers are another party's text.
 */
final class HtmlDomainSection {
    private HtmlDomainSection() {
    }

    static void write(List<DomainResult> domains, List<EndpointResult> endpoints, StringBuilder html) {
        if (domains.isEmpty()) {
            return;
        }
        html.append("<h2>Mail domains <small class=\"none\">(worst first)</small></h2>");
        for (DomainResult d : DomainView.worstFirst(domains)) {
            String worst = DomainView.worst(d).map(Severity::label).orElse("ok");
            html.append("<article class=\"endpoint domain ").append(escape(worst)).append("\"><h3>").append(escape(d.domain()))
                    .append(" <span class=\"badge ").append(escape(worst)).append("\">").append(escape(worst)).append("</span></h3>");
            html.append("<p><strong>").append(escape(d.verdict() == null ? "not judged" : d.verdict())).append("</strong></p><dl>");
            dt(html, "MX", DomainView.mx(d));
            dt(html, "DNSSEC", DomainView.dnssec(d));
            if (d.dane() != null) {
                for (HostDane h : d.dane().hosts()) {
                    dt(html, "DANE host", DomainView.host(h));
                }
            }
            for (EndpointResult e : DomainView.endpoints(d, endpoints)) {
                String dane = DomainView.endpointDane(e);
                if (dane != null) {
                    dt(html, "DANE address", dane);
                }
                for (String certificate : DomainView.endpointDaneCertificates(e)) {
                    dt(html, "DANE certificate", certificate);
                }
            }
            html.append("</dl>");
            List<Finding> findings = d.findings().stream()
                    .sorted(Comparator.comparingInt((Finding f) -> f.severity() == null ? 0 : -(f.severity().ordinal() + 1))).toList();
            for (Finding f : findings) {
                html.append("<div class=\"finding\"><p><span class=\"badge ").append(escape(f.severity().label())).append("\">")
                        .append(escape(f.severity().label())).append("</span> <strong>").append(escape(f.title()))
                        .append("</strong> <code class=\"none\">").append(escape(f.id())).append("</code></p><p>")
                        .append(escape(f.explanation())).append("</p><p><span class=\"fix\">Fix:</span> ")
                        .append(escape(f.remedy())).append("</p>");
                if (!f.references().isEmpty()) {
                    html.append("<p class=\"refs\">").append(escape(String.join(", ", f.references()))).append("</p>");
                }
                html.append("</div>");
            }
            html.append("</article>");
        }
    }

    private static void dt(StringBuilder html, String key, String value) {
        html.append("<dt>").append(escape(key)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }
}
