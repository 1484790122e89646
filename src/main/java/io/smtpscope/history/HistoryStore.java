package io.smtpscope.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smtpscope.report.AtomicFiles;
import io.smtpscope.report.Json;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The scan history: an SQLite file (WAL journal, so readers never block the writer). Writes run in
 * {@code BEGIN IMMEDIATE} transactions: when two runs overlap, the second writer waits up to the busy
 * timeout for the first to commit, then fails with a clear message; the file is never half-written.
 */
public final class HistoryStore implements AutoCloseable {
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final Connection connection;
    private final String label;
    private final Duration busyTimeout;

    private HistoryStore(Connection connection, String label, Duration busyTimeout) {
        this.connection = connection;
        this.label = label;
        this.busyTimeout = busyTimeout;
    }

    /** Opens a history only to read it: a mistyped path must not leave an empty database behind. */
    public static HistoryStore openExisting(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new HistoryException("no history database at " + file + " (scans record there unless --no-history; see --history)");
        }
        return open(file);
    }

    public static HistoryStore open(Path file) {
        return open(file, DEFAULT_BUSY_TIMEOUT);
    }

    public static HistoryStore open(Path file, Duration busyTimeout) {
        return open(file, busyTimeout, Migrations.latest());
    }

    /** Opens and migrates up to {@code schema}: tests use it to build an old-schema database. */
    static HistoryStore open(Path file, Duration busyTimeout, int schema) {
        String label = file.toString();
        if (Files.isDirectory(file)) {
            throw new HistoryException("history database " + label + " is a directory, not a file");
        }
        try {
            HistoryFiles.prepare(file);
        } catch (IOException e) {
            throw new HistoryException("cannot create history database " + label + ": " + AtomicFiles.describe(e));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // With WAL, NORMAL cannot corrupt the database; a power cut may lose the last run only.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        HistoryStore store = null;
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            store = new HistoryStore(connection, label, busyTimeout);
            Migrations.migrate(connection, schema, label);
            return store;
        } catch (SQLException e) {
            if (store != null) {
                store.close();
            }
            throw store == null ? new HistoryException("cannot open history database " + label + ": " + e.getMessage(), e)
                    : store.failure("migrate", e);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    public int schemaVersion() {
        try {
            return Migrations.version(connection);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Records one run with all its endpoints, in one transaction; returns the run id. */
    public long record(ScanReport report) {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                long runId = insertRun(report);
                try (PreparedStatement ps = connection.prepareStatement("""
                        INSERT INTO endpoints (run_id, target, host, address, port, mode, reachability, tls_protocol,
                            cert_sha256, cert_not_after, worst_severity, worst_finding, finding_ids, banner, endpoint_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    for (EndpointResult e : report.endpoints()) {
                        bindEndpoint(ps, runId, e);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                MtaStsPolicies.insert(connection, runId, report);
                st.execute("COMMIT");
                committed = true;
                return runId;
            } finally {
                if (!committed) {
                    rollbackQuietly(st);
                }
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** The MTA-STS result last recorded for mail domain {@code domain} (with a fetched policy), if any. */
    public java.util.Optional<io.smtpscope.result.MtaStsResult> lastMtaSts(String domain) {
        try {
            return MtaStsPolicies.latest(connection, domain);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Deletes the runs that started before {@code cutoff} (their endpoints go with them); returns how many. */
    public int prune(Instant cutoff) {
        try (Statement st = connection.createStatement();
             PreparedStatement ps = connection.prepareStatement("DELETE FROM runs WHERE started_at < ?")) {
            st.execute("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                ps.setString(1, cutoff.toString());
                int deleted = ps.executeUpdate();
                st.execute("COMMIT");
                committed = true;
                return deleted;
            } finally {
                if (!committed) {
                    rollbackQuietly(st);
                }
            }
        } catch (SQLException e) {
            throw failure("prune", e);
        }
    }

    private long insertRun(ScanReport report) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO runs (started_at, finished_at, profile, tool_version, complete) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, report.startedAt().toString());
            ps.setString(2, report.finishedAt().toString());
            ps.setString(3, report.profile());
            ps.setString(4, report.tool() == null ? null : report.tool().version());
            ps.setInt(5, report.complete() ? 1 : 0);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void bindEndpoint(PreparedStatement ps, long runId, EndpointResult e) throws SQLException {
        ChainCertificate leaf = e.certificate() == null || e.certificate().chain().isEmpty() ? null
                : e.certificate().chain().get(0);
        Finding worst = e.findings().stream().max(Comparator.comparing(Finding::severity)).orElse(null);
        ps.setLong(1, runId);
        ps.setString(2, e.target());
        ps.setString(3, e.host());
        ps.setString(4, e.address());
        ps.setInt(5, e.port());
        ps.setString(6, e.mode().label());
        ps.setString(7, e.reachability().label());
        ps.setString(8, e.tls() == null ? null : e.tls().protocol());
        ps.setString(9, leaf == null ? null : leaf.sha256());
        ps.setString(10, leaf == null || leaf.notAfter() == null ? null : leaf.notAfter().toString());
        ps.setString(11, worst == null ? null : worst.severity().label());
        ps.setString(12, worst == null ? null : worst.id());
        ps.setString(13, String.join(",", e.findings().stream().map(Finding::id).toList()));
        ps.setString(14, e.smtp() == null || e.smtp().banner() == null ? null : e.smtp().banner().text());
        try {
            // Without transcript and reproduction hints (diff does not use them): ~4 KB less per endpoint and run.
            ps.setString(15, Json.mapper().writeValueAsString(new EndpointResult(e.target(), e.host(), e.address(), e.port(),
                    e.mode(), e.reachability(), e.smtp(), e.tls(), e.certificate(), e.timingsMs(), e.error(), List.of(),
                    e.findings(), List.of(), null, e.mx())));
        } catch (JsonProcessingException ex) {
            ps.setNull(15, Types.VARCHAR);
        }
    }

    /**
     * Per endpoint, the last {@code perEndpoint} runs, newest first; {@code host}/{@code port} filter
     * when not null (host compared without case). A damaged row fails the read with a clean message.
     */
    public List<EndpointHistory> recent(String host, Integer port, int perEndpoint) {
        return recent(host, port, perEndpoint, this::refuse);
    }

    /** As {@link #recent(String, Integer, int)}, leaving damaged rows out: each goes to {@code damaged}. */
    public List<EndpointHistory> recent(String host, Integer port, int perEndpoint, Consumer<DamagedRow> damaged) {
        String sql = """
                SELECT * FROM (
                    SELECT e.*, r.started_at, r.profile,
                           ROW_NUMBER() OVER (PARTITION BY e.host, e.address, e.port, e.mode ORDER BY e.run_id DESC) AS nth
                    FROM endpoints e JOIN runs r ON r.id = e.run_id
                    WHERE (?1 IS NULL OR lower(e.host) = lower(?1)) AND (?2 IS NULL OR e.port = ?2))
                WHERE nth <= ?3
                ORDER BY host, port, mode, address, run_id DESC""";
        Map<String, List<HistoryEntry>> groups = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, host);
            if (port == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, port);
            }
            ps.setInt(3, perEndpoint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    HistoryEntry entry;
                    try {
                        entry = HistoryRows.entry(rs);
                    } catch (HistoryRows.Damage d) {
                        damaged.accept(new DamagedRow("endpoints", rs.getLong("id"), d.getMessage()));
                        continue;
                    }
                    String key = entry.host() + "\u0000" + entry.address() + "\u0000" + entry.port() + "\u0000" + entry.mode();
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
        return groups.values().stream().map(runs -> {
            HistoryEntry first = runs.get(0);
            return new EndpointHistory(first.host(), first.address(), first.port(), first.mode(), runs);
        }).toList();
    }

    /** The last {@code count} runs as reports, newest first (what {@code smtpscope diff} compares); a damaged row fails. */
    public List<ScanReport> lastReports(int count) {
        return lastReports(count, this::refuse);
    }

    /**
     * As {@link #lastReports(int)}, leaving damaged rows out: each goes to {@code damaged}. A damaged run is replaced by
     * the next older one. An endpoint whose row is damaged in one run is left out of every run read, so that a
     * comparison does not report it as gone.
     */
    public List<ScanReport> lastReports(int count, Consumer<DamagedRow> damaged) {
        List<ScanReport> reports = new ArrayList<>();
        Set<String> unreadable = new HashSet<>();
        // No LIMIT: a damaged run is skipped and the next older one read, so that diff still gets two runs.
        try (PreparedStatement runs = connection.prepareStatement("SELECT * FROM runs ORDER BY id DESC");
             PreparedStatement endpoints = connection.prepareStatement("SELECT * FROM endpoints WHERE run_id = ? ORDER BY id")) {
            try (ResultSet run = runs.executeQuery()) {
                while (reports.size() < count && run.next()) {
                    Instant started;
                    Instant finished;
                    try {
                        started = HistoryRows.required(run, "started_at");
                        finished = HistoryRows.required(run, "finished_at");
                    } catch (HistoryRows.Damage d) {
                        damaged.accept(new DamagedRow("runs", run.getLong("id"), d.getMessage()));
                        continue;
                    }
                    endpoints.setLong(1, run.getLong("id"));
                    List<EndpointResult> results = new ArrayList<>();
                    try (ResultSet e = endpoints.executeQuery()) {
                        while (e.next()) {
                            try {
                                results.add(HistoryRows.endpoint(e));
                            } catch (HistoryRows.Damage d) {
                                damaged.accept(new DamagedRow("endpoints", e.getLong("id"), d.getMessage()));
                                unreadable.add(key(e.getString("host"), e.getString("address"), e.getInt("port")));
                            }
                        }
                    }
                    reports.add(new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", run.getString("tool_version")),
                            started, finished, run.getString("profile"), results, List.of(), run.getInt("complete") == 1, List.of()));
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
        return unreadable.isEmpty() ? reports : reports.stream().map(r -> without(r, unreadable)).toList();
    }

    /**
     * The newest run and, per host, port and mode it covered, the endpoints of the latest earlier run that covered
     * them too: like is compared with like, so a scan of two hosts after a scan of six does not report four hosts
     * gone, and each host is compared with its own last run even when the runs in between scanned other hosts.
     * Empty when nothing is recorded; {@code previous} has no endpoints when nothing was scanned before. Damaged
     * rows go to {@code damaged} and are left out.
     */
    public java.util.Optional<LastComparison> lastComparison() {
        return lastComparison(this::refuse);
    }

    /** As {@link #lastComparison()}, with damaged rows handed to {@code damaged} and left out. */
    public java.util.Optional<LastComparison> lastComparison(Consumer<DamagedRow> damaged) {
        try {
            return new ComparisonQuery(connection).last(damaged);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Host, address and port, without the mode: the mode column may be what is damaged. */
    private static String key(String host, String address, int port) {
        return host + "\u0000" + address + "\u0000" + port;
    }

    private static ScanReport without(ScanReport r, Set<String> keys) {
        List<EndpointResult> kept = r.endpoints().stream()
                .filter(e -> !keys.contains(key(e.host(), e.address(), e.port()))).toList();
        return new ScanReport(r.schema(), r.tool(), r.startedAt(), r.finishedAt(), r.profile(), kept, r.inputErrors(),
                r.complete(), r.diagnosis());
    }

    /** The reading of a caller that cannot go on without every row: one clean line naming the database and the row. */
    private void refuse(DamagedRow row) {
        throw new HistoryException(row.describe(label).replaceFirst("; left out$", ""));
    }

    private HistoryException failure(String what, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            return new HistoryException("history database " + label + " is busy: another smtpscope run kept it locked for more than "
                    + (busyTimeout.toMillis() % 1000 == 0 ? busyTimeout.toSeconds() + "s" : busyTimeout.toMillis() + "ms") + "; could not " + what + " it (try again, or use --no-history)", e);
        }
        return new HistoryException("cannot " + what + " history database " + label + ": " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Statement st) {
        try {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction open (BEGIN failed): nothing to undo
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only or failed connection: nothing to keep
        }
    }
}
