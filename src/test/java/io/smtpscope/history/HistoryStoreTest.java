package io.smtpscope.history;

import io.smtpscope.diff.ReportDiff;
import io.smtpscope.diff.ReportDiffer;
import io.smtpscope.diff.Change;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.smtpscope.result.Synthetic.T0;
import static io.smtpscope.result.Synthetic.closed;
import static io.smtpscope.result.Synthetic.finding;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HistoryStoreTest {
    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static ScanReport run(Instant at, String sha, Reachability submission) {
        return report(at,
                open("mx.example.com", 25, sha, EXPIRY, 30, finding("CERT_EXPIRES_SOON", Severity.WARN), finding("NO_MTA_STS", Severity.INFO)),
                submission == Reachability.OPEN ? open("mx.example.com", 587, sha, EXPIRY, 30)
                        : closed("mx.example.com", 587, submission, finding("PORT_TIMEOUT", Severity.WARN)));
    }

    @Test
    void lastComparisonTakesEachEndpointOfTheNewestRunWithItsOwnPreviousRun() {
        Path db = dir.resolve("like-with-like.db");
        try (HistoryStore store = HistoryStore.open(db)) {
            assertTrue(store.lastComparison().isEmpty());
            List<io.smtpscope.result.EndpointResult> six = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                six.add(open("mx" + i + ".example.com", 25, "aa" + i, EXPIRY, 30));
            }
            store.record(report(T0, six.toArray(io.smtpscope.result.EndpointResult[]::new)));
            store.record(report(T0.plusSeconds(60), open("mx1.example.com", 25, "new1", EXPIRY, 30)));
            store.record(report(T0.plusSeconds(120), open("other.example.org", 25, "oo", EXPIRY, 30)));
            store.record(report(T0.plusSeconds(180), open("mx1.example.com", 25, "new1", EXPIRY, 30),
                    open("mx2.example.com", 25, "aa2", EXPIRY, 30)));

            LastComparison last = store.lastComparison().orElseThrow();
            assertEquals(T0.plusSeconds(180), last.latest().startedAt());
            assertEquals(List.of("mx1.example.com", "mx2.example.com"),
                    last.previous().endpoints().stream().map(io.smtpscope.result.EndpointResult::host).toList(),
                    "only the hosts of the newest run; the unrelated run in between is skipped");
            assertEquals(2, last.previousRuns(), "mx1 from the run at +60 s, mx2 from the six-host run");
            assertEquals(T0, last.previous().startedAt(), "the oldest run compared");
            ReportDiff diff = new ReportDiffer().compare(last.previous(), last.latest());
            assertTrue(diff.isEmpty(), () -> "nothing changed for these two, and four hosts not scanned are not 'gone': " + diff);
        }
    }

    @Test
    void roundTripKeepsTheLastRunsPerEndpointNewestFirst() {
        Path db = dir.resolve("sub/dir/history.db");
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(Migrations.latest(), store.schemaVersion());
            store.record(run(T0, "aa", Reachability.OPEN));
            store.record(run(T0.plusSeconds(3600), "aa", Reachability.OPEN));
            store.record(run(T0.plusSeconds(7200), "bb", Reachability.TIMEOUT));
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            List<EndpointHistory> all = store.recent(null, null, 2);
            assertEquals(2, all.size());
            EndpointHistory smtp = all.get(0);
            assertEquals(25, smtp.port());
            assertEquals(2, smtp.runs().size(), "-n 2 keeps two runs");
            HistoryEntry newest = smtp.runs().get(0);
            assertEquals(T0.plusSeconds(7200), newest.startedAt());
            assertEquals("open", newest.reachability());
            assertEquals("TLSv1.3", newest.tlsProtocol());
            assertEquals("bb", newest.certSha256());
            assertEquals(EXPIRY, newest.certNotAfter());
            assertEquals("warn", newest.worstSeverity());
            assertEquals("CERT_EXPIRES_SOON", newest.worstFinding());
            assertEquals(List.of("CERT_EXPIRES_SOON", "NO_MTA_STS"), newest.findingIds());
            assertEquals("mx.example.com ESMTP Postfix", newest.banner());
            HistoryEntry submission = all.get(1).runs().get(0);
            assertEquals("timeout", submission.reachability());
            assertNull(submission.tlsProtocol());

            assertEquals(1, store.recent("MX.example.com", 587, 10).size(), "host matched without case, port filtered");
            assertEquals(3, store.recent("mx.example.com", 587, 10).get(0).runs().size());
            assertTrue(store.recent("other.example.com", null, 10).isEmpty());
        }
    }

    @Test
    void lastReportsAreWhatWasRecordedSoDiffWorksFromHistory() {
        Path db = dir.resolve("history.db");
        ScanReport first = run(T0, "aa", Reachability.OPEN);
        ScanReport second = run(T0.plusSeconds(3600), "bb", Reachability.TIMEOUT);
        try (HistoryStore store = HistoryStore.open(db)) {
            store.record(first);
            store.record(second);
            List<ScanReport> last = store.lastReports(2);
            assertEquals(second.endpoints(), last.get(0).endpoints());
            assertEquals(first.endpoints(), last.get(1).endpoints());
            ReportDiff diff = new ReportDiffer().compare(last.get(1), last.get(0));
            assertEquals(2, diff.endpoints().size());
        }
    }

    @Test
    void schemaOneDatabaseIsMigratedAndItsOldRowsStillDiff() throws Exception {
        Path db = dir.resolve("old.db");
        try (HistoryStore v1 = HistoryStore.open(db, Duration.ofSeconds(5), 1)) {
            assertEquals(1, v1.schemaVersion());
            // A schema-1 smtpscope wrote rows without endpoint_json: insert exactly what it would have.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                st.execute("INSERT INTO runs (started_at, finished_at, profile, tool_version, complete) VALUES "
                        + "('2026-10-01T00:00:00Z', '2026-10-01T00:00:05Z', 'default', '0.0.9', 1)");
                st.execute("INSERT INTO endpoints (run_id, target, host, address, port, mode, reachability, tls_protocol, "
                        + "cert_sha256, cert_not_after, worst_severity, worst_finding, finding_ids, banner) VALUES "
                        + "(1, 'mx.example.com', 'mx.example.com', '192.0.2.10', 25, 'starttls', 'open', 'TLSv1.2', "
                        + "'old', '2026-12-01T00:00:00Z', 'warn', 'TLS_1_0_ACCEPTED', 'TLS_1_0_ACCEPTED', 'mx.example.com ESMTP')");
                assertTrue(columns(st).stream().noneMatch("endpoint_json"::equals));
            }
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(Migrations.latest(), store.schemaVersion()); // migrated from 1 to the latest
            store.record(report(T0, open("mx.example.com", 25, "new", EXPIRY, 60)));
            List<ScanReport> last = store.lastReports(2);
            List<Change> changes = new ReportDiffer().compare(last.get(1), last.get(0)).endpoints().get(0).changes();
            assertTrue(changes.contains(new Change.CertificateReplaced("old", Instant.parse("2026-12-01T00:00:00Z"), "new", EXPIRY)), changes::toString);
            assertTrue(changes.contains(new Change.TlsVersionChanged("TLSv1.2", "TLSv1.3")), changes::toString);
            assertTrue(changes.contains(new Change.FindingDisappeared("TLS_1_0_ACCEPTED", Severity.WARN, null)), changes::toString);
            assertTrue(changes.contains(new Change.BannerChanged("mx.example.com ESMTP", "mx.example.com ESMTP Postfix")), changes::toString);
            assertEquals(2, store.recent(null, null, 10).get(0).runs().size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            assertTrue(columns(st).contains("endpoint_json"));
        }
    }

    @Test
    void aDatabaseFromANewerSmtpscopeIsRefusedClearly() throws Exception {
        Path db = dir.resolve("future.db");
        HistoryStore.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(db));
        assertTrue(e.getMessage().contains("schema version 99, newer than this smtpscope knows"), e.getMessage());
    }

    @Test
    void aFailedMigrationLeavesTheOldSchema() throws Exception {
        Path db = dir.resolve("half.db");
        HistoryStore.open(db, Duration.ofSeconds(5), 1).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            // Make script 2 fail half-way: its index name is taken, after its ALTER TABLE ran.
            st.execute("CREATE TABLE endpoints_by_host (x)");
        }
        assertThrows(HistoryException.class, () -> HistoryStore.open(db));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            assertEquals(1, rs.getInt(1));
            assertTrue(columns(st).stream().noneMatch("endpoint_json"::equals), "the ALTER TABLE of the failed script was rolled back");
        }
    }

    @Test
    void secondWriterWaitsForTheFirstThenWrites() throws Exception {
        Path db = dir.resolve("busy.db");
        HistoryStore.open(db).close();
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            Future<?> first = pool.submit(() -> {
                try (Statement st = holder.createStatement()) {
                    st.execute("BEGIN IMMEDIATE");
                    st.execute("INSERT INTO runs (started_at, finished_at, profile, complete) VALUES ('2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'first', 1)");
                    locked.countDown();
                    Thread.sleep(400);
                    st.execute("COMMIT");
                }
                return null;
            });
            assertTrue(locked.await(10, TimeUnit.SECONDS));
            long secondId;
            try (HistoryStore second = HistoryStore.open(db, Duration.ofSeconds(20))) {
                secondId = second.record(report(T0, open("mx.example.com", 25, "aa", EXPIRY, 60)));
            }
            first.get(10, TimeUnit.SECONDS);
            try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM runs WHERE profile = 'first'")) {
                assertTrue(rs.next());
                assertTrue(rs.getLong(1) < secondId, "the second writer committed after the first");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void secondWriterGivesUpAfterTheBusyTimeoutWithAClearMessage() throws Exception {
        Path db = dir.resolve("busy.db");
        HistoryStore.open(db).close();
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = holder.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try (HistoryStore second = HistoryStore.open(db, Duration.ofMillis(200))) {
                HistoryException e = assertThrows(HistoryException.class,
                        () -> second.record(report(T0, open("mx.example.com", 25, "aa", EXPIRY, 60))));
                assertTrue(e.getMessage().contains("is busy: another smtpscope run kept it locked for more than 200ms"), e.getMessage());
            }
            st.execute("ROLLBACK");
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            assertTrue(store.lastReports(5).isEmpty(), "the failed write left nothing behind");
        }
    }

    @Test
    void twoThreadsWritingAtOnceLoseNothing() throws Exception {
        Path db = dir.resolve("concurrent.db");
        HistoryStore.open(db).close();
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        try (HistoryStore store = HistoryStore.open(db, Duration.ofSeconds(30))) {
                            store.record(run(T0.plusSeconds(thread * 1000L + i), "t" + thread, Reachability.OPEN));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                assertEquals("ok", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM runs")) {
                assertEquals(2 * perThread, rs.getInt(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM endpoints")) {
                assertEquals(2 * 2 * perThread, rs.getInt(1));
            }
        }
    }

    @Test
    void pruneDropsOldRunsWithTheirEndpoints() throws Exception {
        Path db = dir.resolve("prune.db");
        try (HistoryStore store = HistoryStore.open(db)) {
            store.record(run(T0.minus(Duration.ofDays(500)), "old", Reachability.OPEN));
            store.record(run(T0, "new", Reachability.OPEN));
            assertEquals(1, store.prune(T0.minus(Duration.ofDays(400))));
            List<ScanReport> left = store.lastReports(10);
            assertEquals(1, left.size());
            assertEquals(T0, left.get(0).startedAt());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM endpoints")) {
            assertEquals(2, rs.getInt(1), "the old run's endpoints were deleted with it");
        }
    }

    @Test
    void storedEndpointJsonLeavesOutTheTranscript() {
        var e = open("mx.example.com", 25, "aa", EXPIRY, 30);
        var withTranscript = new io.smtpscope.result.EndpointResult(e.target(), e.host(), e.address(), e.port(), e.mode(),
                e.reachability(), e.smtp(), e.tls(), e.certificate(), e.timingsMs(), e.error(), List.of("S: 220 hi", "C: EHLO x"),
                e.findings(), List.of("openssl s_client ..."), null, null);
        try (HistoryStore store = HistoryStore.open(dir.resolve("t.db"))) {
            store.record(report(T0, withTranscript));
            assertEquals(e, store.lastReports(1).get(0).endpoints().get(0));
        }
    }

    /** The history accumulates every host and its weaknesses: folders smtpscope creates are 0700, the files 0600. */
    @Test
    void aNewHistoryIsPrivateWhateverTheUmask() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path file = dir.resolve("data/smtpscope/history.db");
        try (HistoryStore store = HistoryStore.open(file)) {
            store.record(run(T0, "a".repeat(64), Reachability.OPEN));
            for (Path path : List.of(file, file.resolveSibling("history.db-wal"), file.resolveSibling("history.db-shm"))) {
                assertTrue(Files.exists(path), path + " (WAL mode keeps it while the database is open)");
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), path.toString());
            }
        }
        for (Path folder : List.of(dir.resolve("data"), dir.resolve("data/smtpscope"))) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
        }
    }

    /** A folder or database the user made is left as it is: its mode is the user's choice. */
    @Test
    void anExistingFolderAndDatabaseKeepTheirModes() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path shared = Files.createDirectory(dir.resolve("shared"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        Path file = shared.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file)) {
            store.record(run(T0, "a".repeat(64), Reachability.OPEN));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        try (HistoryStore store = HistoryStore.open(file)) {
            store.record(run(T0.plusSeconds(1), "a".repeat(64), Reachability.OPEN));
        }
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** A reader that needs every row gets one clean line naming the database and the row, not a DateTimeParseException. */
    @Test
    void aDamagedRowIsNamedWhereEveryRowIsNeeded() throws Exception {
        Path db = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(db)) {
            store.record(run(T0, "a".repeat(64), Reachability.OPEN));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE endpoints SET cert_not_after = '2027-02-30' WHERE id = 2");
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            HistoryException e = assertThrows(HistoryException.class, () -> store.recent(null, null, 10));
            assertEquals("history database " + db + ": row 2 of table endpoints is damaged (cert_not_after '2027-02-30', not a time)",
                    e.getMessage());
            List<DamagedRow> damaged = new ArrayList<>();
            assertEquals(1, store.recent(null, null, 10, damaged::add).size(), "the other endpoint is still read");
            assertEquals(List.of(new DamagedRow("endpoints", 2, "cert_not_after '2027-02-30', not a time")), damaged);
        }
    }

    @Test
    void defaultLocationFollowsXdg() {
        assertEquals(Path.of("/data/smtpscope/history.db"), HistoryLocation.defaultPath(Map.of("XDG_DATA_HOME", "/data"), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/smtpscope/history.db"), HistoryLocation.defaultPath(Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/smtpscope/history.db"),
                HistoryLocation.defaultPath(Map.of("XDG_DATA_HOME", "relative/dir"), "/home/u"), "relative XDG paths are ignored");
    }

    private static List<String> columns(Statement st) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("PRAGMA table_info(endpoints)")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }
}
