package io.smtpscope.cli;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Synthetic;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Target;

import java.io.PrintWriter;
import java.net.InetAddress;
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
        Progress progress = new Progress(err, true, clock::get);
        progress.planned(4);
        clock.set(1_000_000_000L);
        progress.finished(open("a.test"));
        clock.set(2_000_000_000L);
        progress.finished(refused("b.test"));
        assertEquals("2/4 endpoints: 0 fail, 1 warn, 1 ok; 1.0/s, 2s elapsed, ETA 2s", progress.status());
        assertTrue(text.toString().contains("\rsmtpscope: 2/4 endpoints: 0 fail, 1 warn, 1 ok"), text.toString());
        assertFalse(text.toString().contains("\n"), "a live line never scrolls");
        progress.close();
        assertTrue(text.toString().endsWith("\r"), "closing blanks the line and returns to its start");
    }

    @Test
    void redrawsAreThrottled() {
        Progress progress = new Progress(err, true, clock::get);
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
        Progress progress = new Progress(err, false, clock::get);
        progress.planned(2);
        progress.finished(open("a.test"));
        progress.close();
        assertEquals("", text.toString());
    }

    @Test
    void endpointsAreCountedByTheirWorstFindingNotByWhetherThePortAnswered() {
        Progress progress = new Progress(err, true, clock::get);
        progress.planned(3);
        progress.finished(open("a.test").withFindings(List.of(Synthetic.finding("AUTH_BEFORE_TLS", Severity.FAIL))));
        progress.finished(open("b.test").withFindings(List.of(Synthetic.finding("AUTH_PLAINTEXT_ONLY", Severity.INFO))));
        assertTrue(progress.status().startsWith("2/3 endpoints: 1 fail, 0 warn, 1 ok;"), progress.status());
    }

    @Test
    void theTimerMovesElapsedTimeWhileNothingFinishes() {
        Progress progress = new Progress(err, true, clock::get);
        progress.planned(2);
        progress.finished(open("a.test"));
        int before = text.toString().length();
        clock.set(31_000_000_000L);
        progress.tick(); // what the one-second timer calls while the second endpoint waits for its greeting
        String drawn = text.toString().substring(before);
        assertTrue(drawn.contains("31s elapsed"), "the line moves on while waiting: " + drawn);
        progress.finished(open("b.test"));
        int after = text.toString().length();
        progress.tick();
        assertEquals(after, text.toString().length(), "nothing left to wait for: the timer draws nothing");
        progress.close();
    }

    @Test
    void theLineNamesTheStepWaitedOnLongestWithItsBound() throws Exception {
        Progress progress = new Progress(err, true, clock::get);
        progress.planned(2);
        progress.stepStarted(endpoint("slow.test"), "banner", 30_000);
        clock.set(500_000_000L);
        progress.stepStarted(endpoint("quick.test"), "ehlo", 20_000);
        clock.set(900_000_000L);
        assertFalse(progress.status().contains("waiting"), "a step under a second is not worth naming: " + progress.status());
        clock.set(12_000_000_000L);
        assertTrue(progress.status().endsWith("; waiting for the greeting of slow.test:25, 12 s of 30 s"), progress.status());
        progress.finished(open("slow.test"));
        assertTrue(progress.status().endsWith("; waiting for the EHLO reply of quick.test:25, 11 s of 20 s"), progress.status());
        progress.finished(open("quick.test"));
        assertFalse(progress.status().contains("waiting"), progress.status());
    }

    private static Endpoint endpoint(String host) throws Exception {
        return new Endpoint(new Target(host + ":25", host, 25, Mode.STARTTLS), InetAddress.getByName("127.0.0.1"), host);
    }

    @Test
    void theTimerStopsWithClose() throws Exception {
        Progress progress = new Progress(err, true, clock::get);
        progress.startTimer();
        progress.close();
        assertTrue(waitGone(), "the timer thread ends");
    }

    private static boolean waitGone() throws InterruptedException {
        for (int i = 0; i < 50; i++) { // bounded: at most about 5 s
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("smtpscope-progress"))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
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
