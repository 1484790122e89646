package io.smtpscope.cli;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text);
    private final AtomicLong clock = new AtomicLong(0);

    @Test
    void liveLineCountsRateAndEtaAndIsRewrittenInPlace() {
        Progress progress = new Progress(err, true, false, clock::get);
        progress.planned(4);
        clock.set(1_000_000_000L);
        progress.finished(open("a.test"));
        clock.set(2_000_000_000L);
        progress.finished(refused("b.test"));
        assertEquals("2/4 endpoints, 1 ok, 1 failed, 1.0/s, ETA 2s", progress.status());
        assertTrue(text.toString().contains("\rsmtpscope: 2/4 endpoints, 1 ok, 1 failed"));
        assertFalse(text.toString().contains("\n"), "a live line never scrolls");
        progress.close();
        assertTrue(text.toString().endsWith("\r"), "closing blanks the line and returns to its start");
    }

    @Test
    void redrawsAreThrottled() {
        Progress progress = new Progress(err, true, false, clock::get);
        progress.planned(100);
        for (int i = 0; i < 50; i++) {
            clock.addAndGet(1_000_000L); // 1 ms apart: 50 results within one interval
            progress.finished(open("h" + i + ".test"));
        }
        long redraws = text.toString().chars().filter(c -> c == '\r').count();
        assertTrue(redraws <= 2, "redrawn " + redraws + " times");
    }

    @Test
    void notATerminalMeansSilence() {
        Progress progress = new Progress(err, false, false, clock::get);
        progress.planned(2);
        progress.finished(open("a.test"));
        progress.close();
        assertEquals("", text.toString());
    }

    @Test
    void verboseLogsEveryEndpointAndTotalGrowsWithExtraAddresses() {
        Progress progress = new Progress(err, false, true, clock::get);
        progress.planned(1);
        progress.finished(open("a.test"));
        progress.finished(refused("a.test"));
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("[1/1] a.test:25"), lines[0]);
        assertTrue(lines[1].startsWith("[2/2] a.test:25") && lines[1].contains("refused"), lines[1]);
    }

    private static EndpointResult open(String host) {
        return new EndpointResult(host + ":25", host, "127.0.0.1", 25, Mode.STARTTLS, Reachability.OPEN,
                null, null, null, null, null, List.of(), List.of(), List.of(), null, null);
    }

    private static EndpointResult refused(String host) {
        return new EndpointResult(host + ":25", host, "127.0.0.1", 25, Mode.STARTTLS, Reachability.REFUSED,
                null, null, null, null, new ProbeError("connect", ErrorKind.CONNECTION_REFUSED, "refused"), List.of(), List.of(), List.of(), null, null);
    }
}
