package io.smtpscope.monitor;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.smtpscope.result.EndpointLists;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Timings;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A report as Prometheus metrics, built with the official client's model so the text writer and the
 * {@code /metrics} server produce the same thing. Every per-endpoint series carries the labels
 * {@code host, address, port, mode} (an endpoint is a host x address x port x mode), so a name with
 * several addresses gives distinct series. Names follow the Prometheus naming conventions: base units
 * (seconds), {@code _timestamp_seconds} for instants, {@code _info} for the TLS version.
 */
public final class ReportMetrics {
    private static final String[] ENDPOINT_LABELS = {"host", "address", "port", "mode"};

    private ReportMetrics() {
    }

    public static MetricSnapshots of(ScanReport report) {
        List<EndpointResult> endpoints = unique(report.endpoints());
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        all.metricSnapshot(gauge("smtpscope_up", "1 when the TCP connection to the endpoint opened, else 0.",
                endpoints, e -> List.of(point(labels(e), e.reachability() == Reachability.OPEN ? 1 : 0))));

        InfoSnapshot.Builder tls = InfoSnapshot.builder().name("smtpscope_tls")
                .help("The TLS session negotiated with the endpoint (value always 1).");
        for (EndpointResult e : endpoints) {
            if (e.tls() != null && e.tls().protocol() != null) {
                tls.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(labels(e).add("version", e.tls().protocol())
                                .add("cipher_suite", e.tls().cipherSuite() == null ? "" : e.tls().cipherSuite()))
                        .build());
            }
        }
        all.metricSnapshot(tls.build());

        all.metricSnapshot(gauge("smtpscope_certificate_expiry_timestamp_seconds",
                "Not-after time of the leaf certificate the endpoint presented, in seconds since the epoch.",
                endpoints, e -> e.certificate() == null || e.certificate().chain().isEmpty()
                        || e.certificate().chain().get(0).notAfter() == null ? List.of()
                        : List.of(point(labels(e), e.certificate().chain().get(0).notAfter().getEpochSecond()))));

        all.metricSnapshot(gauge("smtpscope_findings", "Findings of the endpoint by severity.", endpoints,
                e -> java.util.Arrays.stream(Severity.values())
                        .map(s -> point(labels(e).add("severity", s.label()),
                                e.findings().stream().filter(f -> f.severity() == s).count()))
                        .toList()));

        all.metricSnapshot(gauge("smtpscope_phase_duration_seconds",
                "Time spent in each probe phase (connect, banner, ehlo, starttls, handshake, total).", endpoints,
                e -> phases(e)));

        if (report.startedAt() != null && report.finishedAt() != null) {
            all.metricSnapshot(GaugeSnapshot.builder().name("smtpscope_last_run_timestamp_seconds")
                    .help("When the scan finished, in seconds since the epoch.")
                    .dataPoint(point(Labels.EMPTY, report.finishedAt().toEpochMilli() / 1000.0)).build());
        }
        return all.build();
    }

    private static List<GaugeDataPointSnapshot> phases(EndpointResult e) {
        Timings t = e.timingsMs();
        if (t == null) {
            return List.of();
        }
        List<GaugeDataPointSnapshot> points = new java.util.ArrayList<>();
        addPhase(points, e, "connect", t.connect());
        addPhase(points, e, "banner", t.banner());
        addPhase(points, e, "ehlo", t.ehlo());
        addPhase(points, e, "starttls", t.starttls());
        addPhase(points, e, "handshake", t.handshake());
        addPhase(points, e, "total", t.total());
        return points;
    }

    private static void addPhase(List<GaugeDataPointSnapshot> points, EndpointResult e, String phase, Long millis) {
        if (millis != null) {
            points.add(point(labels(e).add("phase", phase), millis / 1000.0));
        }
    }

    private static GaugeSnapshot gauge(String name, String help, List<EndpointResult> endpoints,
                                       Function<EndpointResult, List<GaugeDataPointSnapshot>> points) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        endpoints.forEach(e -> points.apply(e).forEach(builder::dataPoint));
        return builder.build();
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static Labels labels(EndpointResult e) {
        return Labels.of(ENDPOINT_LABELS, new String[]{e.host(), e.address() == null ? "" : e.address(),
                Integer.toString(e.port()), e.mode().label().toLowerCase(Locale.ROOT)});
    }

    /** Two identical label sets are invalid exposition: keep the first of any duplicate endpoint. */
    private static List<EndpointResult> unique(List<EndpointResult> endpoints) {
        Set<Labels> seen = new HashSet<>();
        // positions, not results, of a spilled scan's list (EndpointLists)
        return EndpointLists.filter(endpoints, e -> seen.add(labels(e)));
    }
}
