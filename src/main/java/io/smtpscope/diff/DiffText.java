package io.smtpscope.diff;

import io.smtpscope.result.Severity;
import io.smtpscope.text.HumanTime;
import io.smtpscope.text.Printable;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The human form of a {@link ReportDiff}: one heading per endpoint, one line per change. Server text is escaped. */
public final class DiffText {
    private static final int MAX_BANNER = 200;

    public void write(ReportDiff diff, PrintWriter out) {
        out.println(header(diff));
        if (diff.isEmpty()) {
            out.println("  no changes");
        }
        for (ReportDiff.EndpointDiff e : diff.endpoints()) {
            out.println(Printable.escapeControls(heading(e)));
            for (Change change : e.changes()) {
                out.println("  " + Printable.escapeControls(line(change)));
            }
        }
        out.flush();
    }

    /** Two files name two runs; from the history, each endpoint may be compared with a run of its own. */
    static String header(ReportDiff diff) {
        if (diff.oldRuns() > 1) {
            return "changes since each endpoint's previous run (" + diff.oldRuns() + " earlier runs, the oldest of "
                    + HumanTime.of(diff.oldStartedAt()) + ") to the run of " + HumanTime.of(diff.newStartedAt()) + ":";
        }
        return "changes from the run of " + HumanTime.of(diff.oldStartedAt()) + " to the run of " + HumanTime.of(diff.newStartedAt()) + ":";
    }

    static String heading(ReportDiff.EndpointDiff e) {
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        return host + ":" + e.port() + " (" + (e.address() == null ? "-" : e.address()) + ", " + e.mode() + ")";
    }

    public static String line(Change change) {
        return switch (change) {
            case Change.EndpointAppeared a -> "new endpoint (not in the old run)";
            case Change.EndpointDisappeared d -> "endpoint gone (not in the new run)";
            case Change.AddressChanged a -> "address: " + orNone(a.old()) + " -> " + orNone(a.current()) + " (the same host, port and mode)";
            case Change.ReachabilityChanged r -> "reachability: " + r.old() + " -> " + r.current();
            case Change.FindingAppeared f -> "+ finding " + severity(f.severity()) + " " + f.id() + title(f.title());
            case Change.FindingDisappeared f -> "- finding " + severity(f.severity()) + " " + f.id() + title(f.title());
            case Change.FindingSeverityChanged f -> "finding " + f.id() + ": " + severity(f.old()) + " -> " + severity(f.current());
            case Change.CertificateReplaced c -> "certificate replaced: sha256 " + c.oldSha256() + " (not after " + instant(c.oldNotAfter())
                    + ") -> " + c.newSha256() + " (not after " + instant(c.newNotAfter()) + ")";
            case Change.TlsVersionChanged t -> "TLS version: " + orNone(t.old()) + " -> " + orNone(t.current());
            case Change.ProtocolSetChanged p -> "protocols accepted:" + list(" +", p.added()) + list(" -", p.removed());
            case Change.CipherSuitesChanged c -> "cipher suites:" + suites(" +", c.added()) + suites(" -", c.removed());
            case Change.BannerChanged b -> "banner: \"" + Printable.shorten(b.old(), MAX_BANNER) + "\" -> \""
                    + Printable.shorten(b.current(), MAX_BANNER) + "\"";
        };
    }

    private static String severity(Severity s) {
        return s == null ? "?" : s.label().toUpperCase(java.util.Locale.ROOT);
    }

    private static String title(String title) {
        return title == null ? "" : ": " + title;
    }

    private static String instant(Instant i) {
        return HumanTime.of(i);
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }

    private static String list(String sign, List<String> items) {
        return items.isEmpty() ? "" : sign + String.join(sign, items);
    }

    private static String suites(String sign, Map<String, List<String>> byVersion) {
        StringBuilder sb = new StringBuilder();
        byVersion.forEach((version, suites) -> sb.append(' ').append(version).append(':').append(list(sign, suites)));
        return sb.toString();
    }
}
