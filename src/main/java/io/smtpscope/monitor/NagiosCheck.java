package io.smtpscope.monitor;

import io.smtpscope.finding.JudgePolicy;
import io.smtpscope.result.EarliestExpiry;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.text.Printable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scan as a monitoring plugin result (Monitoring Plugins Development Guidelines): a status from the
 * findings (any fail -> CRITICAL, any warn -> WARNING, nothing scanned -> UNKNOWN), one line of text,
 * and performance data {@code 'label'=value[UOM];[warn];[crit];[min];[max]}: days until certificate expiry
 * (thresholds from the profile, as "alert below" ranges {@code N:}), connect and handshake times in ms.
 */
public final class NagiosCheck {
    private static final String SERVICE = "SMTP";
    private static final int MAX_TEXT = 300;

    public record Result(NagiosStatus status, String text, List<String> perfdata) {
        public Result {
            perfdata = List.copyOf(perfdata);
        }

        /** The plugin's one output line: {@code SMTP STATUS - text | perfdata}. */
        public String line() {
            return perfdata.isEmpty() ? text : text + " | " + String.join(" ", perfdata);
        }
    }

    public Result evaluate(ScanReport report, JudgePolicy policy) {
        List<EndpointResult> endpoints = report.endpoints();
        if (endpoints.isEmpty()) {
            return new Result(NagiosStatus.UNKNOWN, SERVICE + " UNKNOWN - no endpoint was scanned", List.of());
        }
        // Diagnoses count like findings: a host with no reachable mail port is CRITICAL, not a WARNING per port.
        long fail = count(endpoints, Severity.FAIL) + count(report.diagnosis(), Severity.FAIL);
        long warn = count(endpoints, Severity.WARN) + count(report.diagnosis(), Severity.WARN);
        NagiosStatus status = fail > 0 ? NagiosStatus.CRITICAL : warn > 0 ? NagiosStatus.WARNING : NagiosStatus.OK;
        StringBuilder text = new StringBuilder();
        text.append(endpoints.size()).append(" endpoint(s), ").append(fail).append(" fail, ").append(warn).append(" warn");
        worst(endpoints).ifPresent(w -> text.append("; worst: ").append(w));
        EarliestExpiry earliest = report.earliestExpiry();
        if (earliest != null) {
            text.append("; earliest certificate expiry ").append(earliest.host()).append(':').append(earliest.port())
                    .append(" in ").append(earliest.daysRemaining()).append(" day(s)");
        }
        // '|' separates text from performance data: it must not appear in the text.
        String clean = Printable.shorten(Printable.escapeControls(text.toString()), MAX_TEXT).replace('|', '/');
        return new Result(status, SERVICE + " " + status.name() + " - " + clean, perfdata(endpoints, policy));
    }

    private static java.util.Optional<String> worst(List<EndpointResult> endpoints) {
        return endpoints.stream()
                .flatMap(e -> e.findings().stream().filter(f -> f.severity() != Severity.INFO)
                        .map(f -> Map.entry(f, e.host() + ":" + e.port())))
                .max(Comparator.comparing((Map.Entry<Finding, String> x) -> x.getKey().severity()))
                .map(x -> x.getKey().severity().label().toUpperCase(Locale.ROOT) + " " + x.getKey().id() + " on " + x.getValue());
    }

    static List<String> perfdata(List<EndpointResult> endpoints, JudgePolicy policy) {
        Map<String, Integer> seen = new HashMap<>();
        endpoints.forEach(e -> seen.merge(e.host() + ":" + e.port(), 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (EndpointResult e : endpoints) {
            String name = e.host() + ":" + e.port();
            if (seen.get(name) > 1 && e.address() != null) {
                name = name + "@" + e.address();
            }
            if (e.certificate() != null && !e.certificate().chain().isEmpty()) {
                out.add(metric(name + " cert_days", Long.toString(e.certificate().daysRemaining()), "",
                        policy.expiryWarnDays() + ":", policy.expiryFailDays() + ":", "", ""));
            }
            if (e.timingsMs() != null && e.timingsMs().connect() != null) {
                out.add(metric(name + " connect", Long.toString(e.timingsMs().connect()), "ms", "", "", "0", ""));
            }
            if (e.timingsMs() != null && e.timingsMs().handshake() != null) {
                out.add(metric(name + " handshake", Long.toString(e.timingsMs().handshake()), "ms", "", "", "0", ""));
            }
        }
        return out;
    }

    /**
     * One performance datum. Labels are always quoted; the guidelines forbid '=' and the quote in labels,
     * so those (and anything not printable) become '_'.
     */
    static String metric(String label, String value, String uom, String warn, String crit, String min, String max) {
        String safe = label.replaceAll("[='\\p{Cntrl}|]", "_");
        return "'" + safe + "'=" + value + uom + ";" + warn + ";" + crit + ";" + min + ";" + max;
    }

    private static long count(java.util.Collection<io.smtpscope.result.Diagnosis> diagnoses, Severity severity) {
        return diagnoses.stream().filter(d -> d.severity() == severity).count();
    }

    private static long count(List<EndpointResult> endpoints, Severity severity) {
        return endpoints.stream().flatMap(e -> e.findings().stream()).filter(f -> f.severity() == severity).count();
    }
}
