package io.smtpscope.history;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The query behind {@link HistoryStore#lastComparison()}: the newest readable run and, per endpoint it covered, that
 * endpoint's own previous record, so that {@code diff} compares like with like.
 */
final class ComparisonQuery {
    private final Connection connection;

    ComparisonQuery(Connection connection) {
        this.connection = connection;
    }

    java.util.Optional<LastComparison> last(Consumer<DamagedRow> damaged) throws SQLException {
        // No LIMIT: a damaged newest run is skipped for the next older one, as lastReports does.
        try (Statement st = connection.createStatement();
             ResultSet newest = st.executeQuery("SELECT * FROM runs ORDER BY id DESC")) {
            long latestId = -1;
            Instant latestStart = null;
            Instant latestEnd = null;
            while (latestStart == null && newest.next()) {
                try {
                    latestStart = HistoryRows.required(newest, "started_at");
                    latestEnd = HistoryRows.required(newest, "finished_at");
                    latestId = newest.getLong("id");
                } catch (HistoryRows.Damage d) {
                    latestStart = null;
                    damaged.accept(new DamagedRow("runs", newest.getLong("id"), d.getMessage()));
                }
            }
            if (latestStart == null) {
                return java.util.Optional.empty();
            }
            ScanReport latest = new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", newest.getString("tool_version")),
                    latestStart, latestEnd, newest.getString("profile"), endpointsOfRun(latestId, damaged), List.of(),
                    newest.getInt("complete") == 1, List.of());
            List<EndpointResult> previous = new ArrayList<>();
            Set<Long> runs = new HashSet<>();
            Instant oldest = null;
            Set<String> services = new java.util.LinkedHashSet<>();
            for (EndpointResult e : latest.endpoints()) {
                if (!services.add(e.host().toLowerCase(java.util.Locale.ROOT) + "|" + e.port() + "|" + e.mode().label())) {
                    continue; // another address of a service already looked up
                }
                try (PreparedStatement ps = connection.prepareStatement("""
                        SELECT e.*, r.started_at AS run_started_at FROM endpoints e JOIN runs r ON r.id = e.run_id
                        WHERE e.run_id = (SELECT MAX(p.run_id) FROM endpoints p WHERE p.run_id < ?1
                                          AND lower(p.host) = lower(?2) AND p.port = ?3 AND p.mode = ?4)
                          AND lower(e.host) = lower(?2) AND e.port = ?3 AND e.mode = ?4
                        ORDER BY e.id""")) {
                    ps.setLong(1, latestId);
                    ps.setString(2, e.host());
                    ps.setInt(3, e.port());
                    ps.setString(4, e.mode().label());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            try {
                                previous.add(HistoryRows.endpoint(rs));
                                Instant started = HistoryRows.required(rs, "run_started_at");
                                oldest = oldest == null || started.isBefore(oldest) ? started : oldest;
                                runs.add(rs.getLong("run_id"));
                            } catch (HistoryRows.Damage d) {
                                damaged.accept(new DamagedRow("endpoints", rs.getLong("id"), d.getMessage()));
                            }
                        }
                    }
                }
            }
            Instant since = oldest == null ? latestStart : oldest;
            ScanReport before = new ScanReport(ScanReport.SCHEMA, latest.tool(), since, since, latest.profile(),
                    previous, List.of(), true, List.of());
            return java.util.Optional.of(new LastComparison(before, latest, runs.size()));
        }
    }

    private List<EndpointResult> endpointsOfRun(long runId, Consumer<DamagedRow> damaged) throws SQLException {
        List<EndpointResult> results = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM endpoints WHERE run_id = ? ORDER BY id")) {
            ps.setLong(1, runId);
            try (ResultSet e = ps.executeQuery()) {
                while (e.next()) {
                    try {
                        results.add(HistoryRows.endpoint(e));
                    } catch (HistoryRows.Damage d) {
                        damaged.accept(new DamagedRow("endpoints", e.getLong("id"), d.getMessage()));
                    }
                }
            }
        }
        return results;
    }
}
