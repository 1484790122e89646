package io.smtpscope.report;

import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.text.Printable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The console's mail-domain section: per domain (worst first) its verdict, MX, DNSSEC, DANE per host and address, findings. */
final class ConsoleDomains {
    private static final String INDENT = "  ";
    private static final String DETAIL = "       ";

    private ConsoleDomains() {
    }

    static void write(ScanReport report, ConsoleStyle style, PrintWriter out) {
        if (report.domains().isEmpty()) {
            return;
        }
        out.println();
        out.println(style.bold("Mail domains:"));
        for (DomainResult d : DomainView.worstFirst(report.domains())) {
            String status = DomainView.worst(d).map(s -> style.severity(s, s.label().toUpperCase(Locale.ROOT)))
                    .orElse(style.good("OK"));
            out.println(INDENT + style.bold(esc(d.domain())) + "  " + status);
            line("verdict", d.verdict(), style, out);
            line("MX", DomainView.mx(d), style, out);
            line("DNSSEC", DomainView.dnssec(d), style, out);
            if (d.dane() != null) {
                for (HostDane h : d.dane().hosts()) {
                    line("DANE", DomainView.host(h), style, out);
                }
            }
            for (EndpointResult e : DomainView.endpoints(d, report.endpoints())) {
                String dane = DomainView.endpointDane(e);
                if (dane != null) {
                    line("DANE", dane, style, out);
                }
                for (String certificate : DomainView.endpointDaneCertificates(e)) {
                    line("DANE", certificate, style, out);
                }
            }
            List<Finding> findings = new ArrayList<>(d.findings());
            findings.sort(Comparator.comparing(Finding::severity).reversed());
            for (Finding f : findings) {
                out.println(INDENT + INDENT + style.severity(f.severity(), f.severity().label().toUpperCase(Locale.ROOT)) + " "
                        + esc(f.id()) + ": " + esc(f.title()));
                if (f.severity() != Severity.INFO) {
                    out.println(DETAIL + INDENT + style.dim("why:") + " " + esc(f.explanation()));
                    out.println(DETAIL + INDENT + style.dim("fix:") + " " + esc(f.remedy()));
                }
            }
        }
    }

    private static void line(String label, String text, ConsoleStyle style, PrintWriter out) {
        out.println(INDENT + INDENT + style.dim(String.format("%-8s", label)) + " " + esc(text));
    }

    private static String esc(String text) {
        return Printable.escapeControls(text == null ? "" : text);
    }
}
