package io.smtpscope.report;

import io.smtpscope.result.ExpiryDays;

import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.smtpscope.report.Html.escape;

/**
 * The two inline SVG charts of the HTML report: endpoint outcomes, and certificate expiry across hosts.
 * Inline SVG needs no script and no network, scales with the page and prints sharply. Colours come from
 * CSS classes so that light, dark and print themes apply.
 *
 * <p>Each label stands on its own line above its bar, across the whole width, so a long label is never cut at
 * the left edge; the drawing is narrow ({@link #WIDTH} units) so that on a phone it is scaled down little and
 * its text stays readable, and the stylesheet caps its width on wide screens.
 */
final class SvgCharts {
    /** The expiry chart shows the certificates closest to expiry; a long tail of healthy ones says little. */
    static final int MAX_CERTIFICATE_ROWS = 24;
    static final int WIDTH = 400;
    /** Room for the value after the longest bar ("expired 1234d ago"). */
    private static final int VALUE = 100;
    /** A label line and a bar under it. */
    private static final int ROW = 38;
    private static final int BAR = 14;
    /** What fits on one line of {@link #WIDTH} units in the 12-unit system font, with room to spare. */
    static final int LABEL_CHARS = 56;

    private SvgCharts() {
    }

    /** Horizontal bars: how many endpoints ended in each outcome (see {@link EndpointView#outcome}). */
    static String outcomes(List<EndpointResult> endpoints) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        endpoints.stream().map(EndpointView::outcome).sorted(Comparator.comparingInt(SvgCharts::outcomeRank)
                .thenComparing(Comparator.naturalOrder())).forEach(o -> counts.merge(o, 1, Integer::sum));
        if (counts.isEmpty()) {
            return "<p class=\"none\">No endpoints.</p>";
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int height = counts.size() * ROW + 4;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-label=\"Endpoint outcomes\">");
        int y = 2;
        int barSpace = WIDTH - 40;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int w = Math.max(2, (int) Math.round((double) entry.getValue() / max * barSpace));
            svg.append("<text x=\"0\" y=\"").append(y + 13).append("\">")
                    .append(escape(shorten(outcomeLabel(entry.getKey()), LABEL_CHARS))).append("</text>");
            svg.append("<rect class=\"fill-").append(outcomeClass(entry.getKey())).append("\" x=\"0\" y=\"").append(y + 18)
                    .append("\" width=\"").append(w).append("\" height=\"").append(BAR).append("\" rx=\"3\"><title>")
                    .append(escape(entry.getKey())).append(": ").append(entry.getValue()).append("</title></rect>");
            svg.append("<text x=\"").append(w + 6).append("\" y=\"").append(y + 30).append("\">")
                    .append(entry.getValue()).append("</text>");
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    static String outcomeLabel(String outcome) {
        return switch (outcome) {
            case "tls" -> "open, TLS up";
            case "no-tls" -> "open, no TLS";
            case "refused" -> "connection refused";
            case "timeout" -> "connect timed out";
            case "unreachable" -> "unreachable";
            case "dns-error" -> "DNS error";
            case "not-scanned" -> "not scanned (out of scope)";
            default -> "open, stopped: " + outcome;
        };
    }

    static String outcomeClass(String outcome) {
        return switch (outcome) {
            case "tls" -> "ok";
            case "no-tls" -> "warn";
            case "refused", "timeout", "unreachable", "dns-error" -> "fail";
            default -> "warn";
        };
    }

    private static int outcomeRank(String outcome) {
        return switch (outcome) {
            case "tls" -> 0;
            case "no-tls" -> 1;
            case "refused", "timeout", "unreachable", "dns-error" -> 3;
            default -> 2;
        };
    }

    /** One leaf certificate and the endpoints that presented it. */
    private record Leaf(ChainCertificate certificate, List<String> where) {
    }

    /**
     * Days until each distinct leaf certificate expires (negative: expired), soonest first, as bars from
     * a zero line. Red: expired; amber: under 30 days; green: later. The axis ends at 90, 180 or 365 days,
     * whichever holds every bar; longer bars are clipped at a year and say so.
     */
    static String certificateExpiry(List<EndpointResult> endpoints, Instant now) {
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        for (EndpointResult e : endpoints) {
            EndpointView.leaf(e).filter(c -> c.notAfter() != null).ifPresent(c -> leaves
                    .computeIfAbsent(c.sha256() != null ? c.sha256() : EndpointView.hostPort(e), k -> new Leaf(c, new ArrayList<>()))
                    .where().add(EndpointView.hostPort(e)));
        }
        if (leaves.isEmpty()) {
            return "<p class=\"none\">No certificates were received.</p>";
        }
        List<Leaf> sorted = leaves.values().stream()
                .sorted(Comparator.comparing((Leaf l) -> l.certificate().notAfter())).toList();
        List<Leaf> shown = sorted.subList(0, Math.min(MAX_CERTIFICATE_ROWS, sorted.size()));
        long minDays = Math.min(0, days(shown.getFirst(), now));
        long maxDays = shown.stream().mapToLong(l -> days(l, now)).max().orElse(0);
        long lo = Math.max(-365, minDays);
        // The right end is the first of 90, 180, 365 days that holds every bar, so near dates stay readable.
        long hi = maxDays <= 90 ? 90 : maxDays <= 180 ? 180 : 365;
        int plot = WIDTH - VALUE;
        double scale = (double) plot / (hi - lo);
        int zero = (int) Math.round(-lo * scale);
        int height = shown.size() * ROW + 24;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-label=\"Days until certificate expiry\">");
        int lastTick = -1000;
        for (long tick : new long[]{lo, 0, 30, 90, 180, 365}) {
            int x = (int) Math.round((tick - lo) * scale);
            if (tick < lo || tick > hi || (tick == lo && lo == 0) || x - lastTick < 40) {
                continue; // outside the range, or too close to the previous tick to label
            }
            if (tick == lo && -lo * scale < 40) {
                continue; // the left end nearly coincides with "today": label only today
            }
            lastTick = x;
            svg.append("<line class=\"grid\" x1=\"").append(x).append("\" x2=\"").append(x)
                    .append("\" y1=\"2\" y2=\"").append(height - 18).append("\"/>");
            // The first tick sits at the left edge: anchored at its start, so it is not cut in half.
            svg.append("<text class=\"muted\" x=\"").append(x).append("\" y=\"").append(height - 4)
                    .append("\" text-anchor=\"").append(x < 20 ? "start" : "middle").append("\">")
                    .append(tick == 0 ? "today" : tick + "d").append("</text>");
        }
        int y = 2;
        for (Leaf leaf : shown) {
            long d = days(leaf, now);
            long clipped = Math.max(lo, Math.min(hi, d));
            int x = (int) Math.round((clipped - lo) * scale);
            int left = Math.min(zero, x);
            int w = Math.max(2, Math.abs(x - zero));
            String cls = expired(leaf, now) ? "fail" : d < 30 ? "warn" : "ok";
            String where = leaf.where().getFirst() + (leaf.where().size() > 1 ? " +" + (leaf.where().size() - 1) : "");
            svg.append("<text x=\"0\" y=\"").append(y + 13).append("\">").append(escape(shorten(where, LABEL_CHARS)))
                    .append("</text>");
            svg.append("<rect class=\"fill-").append(cls).append("\" x=\"").append(left).append("\" y=\"").append(y + 18)
                    .append("\" width=\"").append(w).append("\" height=\"").append(BAR).append("\" rx=\"3\"><title>")
                    .append(escape(String.join(", ", leaf.where()))).append(": ")
                    .append(escape(leaf.certificate().subject())).append(", expires ")
                    .append(escape(leaf.certificate().notAfter().toString())).append("</title></rect>");
            svg.append("<text x=\"").append(Math.max(x, zero) + 6).append("\" y=\"").append(y + 30).append("\">")
                    .append(expired(leaf, now) ? (d == 0 ? "expired <1d ago" : "expired " + -d + "d ago") : d + "d" + (d > hi ? " \u2192" : "")).append("</text>");
            y += ROW;
        }
        svg.append("<line class=\"axis\" x1=\"").append(zero).append("\" x2=\"").append(zero)
                .append("\" y1=\"2\" y2=\"").append(height - 18).append("\"/>");
        svg.append("</svg>");
        if (sorted.size() > shown.size()) {
            svg.append(String.format(Locale.ROOT, "<p class=\"legend\">The %d certificates closest to expiry of %d.</p>",
                    shown.size(), sorted.size()));
        }
        return svg.toString();
    }

    private static boolean expired(Leaf leaf, Instant now) {
        return now.isAfter(leaf.certificate().notAfter());
    }

    private static long days(Leaf leaf, Instant now) {
        return ExpiryDays.between(now, leaf.certificate().notAfter());
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
