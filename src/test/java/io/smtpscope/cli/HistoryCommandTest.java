package io.smtpscope.cli;

import io.smtpscope.history.HistoryStore;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.smtpscope.result.Synthetic.closed;
import static io.smtpscope.result.Synthetic.finding;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code history} prints for people: times to the second in UTC, outcomes in words. */
class HistoryCommandTest {
    @TempDir
    Path dir;

    @Test
    void timesToTheSecondInUtcAndStatesInPlainWords() {
        Path db = dir.resolve("history.db");
        Instant first = Instant.parse("2026-03-01T09:30:05.123456789Z");
        try (HistoryStore store = HistoryStore.open(db)) {
            store.record(report(first, open("mx.example.com", 25, "aa", Instant.parse("2027-01-01T00:00:00Z"), 300)));
            store.record(report(first.plusSeconds(3600), closed("mx.example.com", 25, Reachability.REFUSED,
                    finding("PORT_REFUSED", Severity.FAIL))));
            store.record(report(first.plusSeconds(7200), closed("mx.example.com", 25, Reachability.TIMEOUT)));
        }
        CliRun run = CliRun.of("history", "--history", db.toString());
        assertEquals(0, run.status(), run::toString);
        String out = run.out();
        assertTrue(out.contains("\n  2026-03-01 11:30:05 UTC  no answer (timeout)"), out);
        assertTrue(out.contains("\n  2026-03-01 10:30:05 UTC  connection refused"), out);
        assertTrue(out.contains("\n  2026-03-01 09:30:05 UTC  open, TLSv1.3"), out);
        assertFalse(out.contains("no-tls"), out);
        assertFalse(out.contains(".123456789"), "no nanoseconds: " + out);
    }
}
