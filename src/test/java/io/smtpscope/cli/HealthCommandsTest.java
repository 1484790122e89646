package io.smtpscope.cli;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.monitor.NagiosCheckTest;
import io.smtpscope.report.Json;
import io.smtpscope.result.ScanReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scan --nagios / --prometheus / --history, and the history and diff commands, against in-JVM servers. */
class HealthCommandsTest {
    private static LoopbackServers servers;
    private static ScriptedSmtpServer fresh;
    private static ScriptedSmtpServer expiring;
    private static ScriptedSmtpServer expired;

    @TempDir
    static Path shared;
    private static Path ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        servers = new LoopbackServers();
        fresh = servers.starttls("mail.fresh.test", Duration.ofDays(200));
        expiring = servers.starttls("mail.expiring.test", Duration.ofDays(10).plusHours(12));
        expired = servers.starttls("mail.expired.test", Duration.ofDays(-3));
        ca = servers.caFile(shared);
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    private CliRun scan(String name, ScriptedSmtpServer server, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan"));
        args.addAll(LoopbackServers.scanArgs(name, server, ca));
        args.addAll(List.of(extra));
        if (!args.contains("--no-history") && !args.contains("--history")) {
            args.addAll(List.of("--history", dir.resolve("history.db").toString()));
        }
        return CliRun.of(args);
    }

    @Test
    void nagiosExitCodesFollowTheFindings() {
        CliRun ok = scan("mail.fresh.test", fresh, "--nagios");
        assertEquals(0, ok.status(), ok::toString);
        assertTrue(ok.out().startsWith("SMTP OK - 1 endpoint(s), 0 fail, 0 warn"), ok::toString);

        CliRun warning = scan("mail.expiring.test", expiring, "--nagios");
        assertEquals(1, warning.status(), warning::toString);
        assertTrue(warning.out().startsWith("SMTP WARNING - ") && warning.out().contains("CERT_EXPIRES_SOON"), warning::toString);

        CliRun critical = scan("mail.expired.test", expired, "--nagios");
        assertEquals(2, critical.status(), critical::toString);
        assertTrue(critical.out().startsWith("SMTP CRITICAL - "), critical::toString);

        CliRun unknown = CliRun.of("scan", "--nagios", "--profile", "no-such-profile", "mail.fresh.test");
        assertEquals(3, unknown.status(), unknown::toString);
        assertTrue(unknown.out().startsWith("SMTP UNKNOWN - --profile: no bundled profile named 'no-such-profile'"), unknown::toString);
    }

    /** Exit 2 means CRITICAL to a monitoring system: a mistyped option must read as UNKNOWN, not as a broken server. */
    @Test
    void nagiosUsageErrorsAreUnknownNotCritical() {
        for (String[] args : List.of(new String[] {"scan", "--nagios", "--fail-on", "critical", "mail.fresh.test"},
                new String[] {"scan", "--nagios", "--concurency", "3", "mail.fresh.test"},
                new String[] {"scan", "--nagios", "--ehlo-name", "bad name", "mail.fresh.test"})) {
            CliRun run = CliRun.of(args);
            assertEquals(3, run.status(), run::toString);
            assertTrue(run.out().startsWith("SMTP UNKNOWN - "), run::toString);
            assertEquals(1, run.out().split("\n").length, run::toString);
        }
    }

    @Test
    void nagiosOutputIsOneLineWithSpecPerfdata() {
        CliRun run = scan("mail.expiring.test", expiring, "--nagios");
        String[] lines = run.out().split("\n");
        assertEquals(1, lines.length, run::toString);
        String perf = lines[0].substring(lines[0].indexOf(" | ") + 3);
        String[] data = perf.split(" (?=')");
        assertEquals(3, data.length, perf);
        assertTrue(data[0].matches("'mail\\.expiring\\.test:\\d+ cert_days'=10;21:;7:;;"), perf);
        for (String datum : data) {
            assertTrue(NagiosCheckTest.PERFDATUM.matcher(datum).matches(), datum);
        }
    }

    @Test
    void scanRecordsHistoryWritesPrometheusAndShowsEarliestExpiryFirst() throws Exception {
        Path prom = dir.resolve("node/smtpscope.prom");
        CliRun run = scan("mail.expiring.test", expiring, "--prometheus", prom.toString());
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().startsWith("earliest certificate expiry: mail.expiring.test:" + expiring.port() + " expires in 10 days"), run::toString);
        String text = Files.readString(prom);
        assertTrue(text.contains("smtpscope_certificate_expiry_timestamp_seconds{address=\"127.0.0.1\",host=\"mail.expiring.test\""), text);
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
            assertEquals(1, store.lastReports(5).size());
        }

        CliRun history = CliRun.of("history", "mail.expiring.test", "-n", "3", "--history", dir.resolve("history.db").toString());
        assertEquals(0, history.status(), history::toString);
        assertTrue(history.out().contains("mail.expiring.test:" + expiring.port() + " (127.0.0.1, starttls)"), history::toString);
        assertTrue(history.out().matches("(?s).*\n  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  open, TLSv1\\.[23]\\s+cert [0-9a-f]{16}\\.\\.\\. expires \\d{4}-\\d\\d-\\d\\d \\(10 d\\)  worst: WARN CERT_EXPIRES_SOON.*"), history::toString);

        CliRun json = CliRun.of("history", "--json", "--history", dir.resolve("history.db").toString());
        var tree = Json.mapper().readTree(json.out());
        assertEquals("open", tree.get(0).get("runs").get(0).get("reachability").asText());
        assertEquals(64, tree.get(0).get("runs").get(0).get("cert_sha256").asText().length());
    }

    @Test
    void diffFromHistoryReportsACertificateReplacedOnTheSamePort() throws Exception {
        try (LoopbackServers own = new LoopbackServers()) {
            LoopbackServers.Swappable swappable = own.swappable("mail.renewed.test", Duration.ofDays(5));
            Path ownCa = own.caFile(dir);
            List<String> args = new ArrayList<>(List.of("scan", "-q", "--history", dir.resolve("renew.db").toString()));
            args.addAll(LoopbackServers.scanArgs("mail.renewed.test", swappable.server, ownCa));
            assertEquals(1, CliRun.of(args).status(), "5 days left: CERT_EXPIRES_SOON escalated to fail");
            swappable.swap(Duration.ofDays(90));
            assertEquals(0, CliRun.of(args).status());
            CliRun diff = CliRun.of("diff", "--history", dir.resolve("renew.db").toString());
            assertEquals(1, diff.status(), diff::toString);
            assertTrue(diff.out().matches("(?s).*certificate replaced: sha256 [0-9a-f]{64} \\(not after \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\) -> [0-9a-f]{64} \\(not after \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\).*"), diff::toString);
            assertTrue(diff.out().contains("- finding FAIL CERT_EXPIRES_SOON"), diff::toString);
        }
    }

    @Test
    void noHistoryWritesNothingAndHistoryRefusesAMissingDatabase() {
        Path db = dir.resolve("none.db");
        CliRun run = scan("mail.fresh.test", fresh, "--no-history", "-q");
        assertEquals(0, run.status(), run::toString);
        CliRun both = CliRun.of("scan", "--no-history", "--history", db.toString(), "mail.fresh.test");
        assertEquals(2, both.status(), both::toString);
        assertTrue(both.err().contains("--history and --no-history exclude each other"), both::toString);
        CliRun history = CliRun.of("history", "--history", db.toString());
        assertEquals(2, history.status());
        assertTrue(history.err().contains("no history database at " + db), history::toString);
        assertFalse(Files.exists(db), "reading must not create a database");
    }

    @Test
    void diffOfTwoReportFilesAndOfTheLastTwoRunsInHistory() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, scan("mail.fresh.test", fresh, "--json", a.toString(), "-q").status());
        assertEquals(0, scan("mail.fresh.test", fresh, "--json", b.toString(), "-q").status());

        CliRun same = CliRun.of("diff", a.toString(), b.toString());
        assertEquals(0, same.status(), same::toString);
        assertTrue(same.out().contains("no changes"), same::toString);

        // Same endpoint, another certificate: rewrite the port of a report from another server.
        Path c = dir.resolve("c.json");
        scan("mail.fresh.test", expiring, "--json", c.toString(), "-q");
        ScanReport other = Json.mapper().readValue(c.toFile(), ScanReport.class);
        ScanReport base = Json.mapper().readValue(a.toFile(), ScanReport.class);
        var moved = other.endpoints().get(0);
        var renamed = new io.smtpscope.result.EndpointResult(moved.target(), moved.host(), moved.address(), base.endpoints().get(0).port(),
                moved.mode(), moved.reachability(), moved.smtp(), moved.tls(), moved.certificate(), moved.timingsMs(), moved.error(),
                moved.transcript(), moved.findings(), moved.reproduce(), null, null);
        Json.mapper().writeValue(c.toFile(), other.withEndpoints(List.of(renamed)));

        CliRun changed = CliRun.of("diff", "--json", a.toString(), c.toString());
        assertEquals(1, changed.status(), changed::toString);
        var kinds = new ArrayList<String>();
        Json.mapper().readTree(changed.out()).get("endpoints").get(0).get("changes").forEach(n -> kinds.add(n.get("kind").asText()));
        assertTrue(kinds.contains("certificate-replaced"), kinds::toString);
        assertTrue(kinds.contains("finding-appeared"), kinds::toString);

        // The history's last run scanned mail.fresh.test on the other server's port only, which no run saw before:
        // there is nothing like it to compare with, and the port it did not scan is not "gone".
        CliRun fromHistory = CliRun.of("diff", "--history", dir.resolve("history.db").toString());
        assertEquals(2, fromHistory.status(), fromHistory::toString);
        assertTrue(fromHistory.err().contains("none of the endpoints of the last run"), fromHistory::toString);
        assertEquals(0, scan("mail.fresh.test", fresh, "-q").status());
        CliRun sameTargets = CliRun.of("diff", "--history", dir.resolve("history.db").toString());
        assertEquals(0, sameTargets.status(), "the newest run against the last run of the same endpoint: " + sameTargets);
        assertTrue(sameTargets.out().matches("changes from the run of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC to the run of .* UTC:\\n  no changes\\n"),
                sameTargets::toString);

        CliRun bad = CliRun.of("diff", a.toString(), dir.resolve("missing.json").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("does not exist"), bad::toString);
    }
}
