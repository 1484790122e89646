package io.smtpscope.cli;

import io.smtpscope.history.HistoryStore;
import io.smtpscope.result.Reachability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static io.smtpscope.result.Synthetic.T0;
import static io.smtpscope.result.Synthetic.closed;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged row of the history (a hand edit, a disk error) made history and diff end in "internal error:
 * DateTimeParseException", exit 3. Each command now names the database and the row, and still shows the others.
 */
class DamagedHistoryCliTest {
    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void threeRunsOfTwoEndpoints() throws Exception {
        db = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(db)) {
            for (int i = 0; i < 3; i++) {
                store.record(report(T0.plusSeconds(3600L * i),
                        open("mx.a.test", 25, "a".repeat(64), T0.plusSeconds(86_400L * 90), 90),
                        i == 2 ? closed("mx.b.test", 25, Reachability.TIMEOUT) : open("mx.b.test", 25, "b".repeat(64), T0.plusSeconds(86_400L * 90), 90)));
            }
        }
    }

    private void damage(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    @Test
    void historyNamesTheDamagedRowsAndShowsTheOthers() throws Exception {
        // Rows 1 and 2 are run 1 (mx.a, mx.b), 3 and 4 run 2, 5 and 6 run 3.
        damage("UPDATE endpoints SET cert_not_after = 'garbage' WHERE id = 1");
        damage("UPDATE runs SET started_at = 'yesterday\u001b[2J' WHERE id = 2");
        CliRun run = CliRun.of("history", "--history", db.toString());
        assertEquals(ExitCodes.FINDINGS, run.exit(), run.toString());
        assertTrue(run.err().contains("smtpscope: history database " + db + ": row 1 of table endpoints is damaged"
                + " (cert_not_after 'garbage', not a time); left out"), run.err());
        assertTrue(run.err().contains("row 4 of table endpoints is damaged (its run 2 has started_at 'yesterday\\x1b[2J', not a time); left out"),
                run.err());
        assertFalse(run.all().contains("internal error") || run.all().contains("Exception") || run.all().contains("\u001b"), run.toString());
        assertTrue(run.out().contains("mx.a.test:25") && run.out().contains("mx.b.test:25"), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("  " + io.smtpscope.text.HumanTime.of(T0.plusSeconds(7200)))).count(), "run 3 of both endpoints: " + run.out());
        assertEquals(1, run.out().lines().filter(l -> l.startsWith("  " + io.smtpscope.text.HumanTime.of(T0) + " ")).count(), "run 1 of mx.b.test: " + run.out());
    }

    @Test
    void diffLeavesOutADamagedEndpointInsteadOfCallingItGone() throws Exception {
        damage("UPDATE endpoints SET endpoint_json = NULL, mode = 'warp-drive' WHERE id = 5");
        CliRun run = CliRun.of("diff", "--history", db.toString());
        assertTrue(run.err().contains("smtpscope: history database " + db + ": row 5 of table endpoints is damaged"
                + " (mode 'warp-drive' is not a mode); left out of the comparison"), run.toString());
        assertFalse(run.all().contains("internal error") || run.all().contains("Exception"), run.toString());
        assertEquals(ExitCodes.FINDINGS, run.exit(), run.toString());
        assertTrue(run.out().contains("mx.b.test"), "mx.b.test changed between runs 2 and 3: " + run.out());
        assertFalse(run.out().contains("mx.a.test"), "mx.a.test was left out, not reported as gone: " + run.out());
    }

    @Test
    void diffSkipsADamagedRunWithAClearLine() throws Exception {
        damage("UPDATE runs SET finished_at = '' WHERE id = 3");
        CliRun run = CliRun.of("diff", "--history", db.toString());
        assertTrue(run.err().contains("row 3 of table runs is damaged (finished_at '', not a time); left out"), run.toString());
        assertFalse(run.all().contains("internal error"), run.toString());
        assertEquals(ExitCodes.OK, run.exit(), "runs 1 and 2 do not differ: " + run);
    }
}
