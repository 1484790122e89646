package io.smtpscope.app;

import com.sun.net.httpserver.HttpServer;
import io.smtpscope.monitor.Webhook;
import io.smtpscope.result.ScanReport;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.smtpscope.result.Synthetic.T0;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule on its own, fed by a scripted source of reports instead of a network scan. */
class WatchLoopTest {
    private final StringWriter log = new StringWriter();

    @Test
    void logsChangesBetweenRunsAndServesTheLatestMetrics() throws Exception {
        Deque<ScanReport> reports = new ArrayDeque<>(List.of(
                report(T0, open("mx.a.test", 25, "a".repeat(64), T0.plus(Duration.ofDays(90)), 90)),
                report(T0.plusSeconds(1), open("mx.a.test", 25, "b".repeat(64), T0.plus(Duration.ofDays(200)), 200))));
        CountDownLatch twoRuns = new CountDownLatch(2);
        Callable<ScanReport> scan = () -> {
            ScanReport next = reports.isEmpty() ? null : reports.poll();
            twoRuns.countDown();
            return next == null ? report(T0.plusSeconds(2), open("mx.a.test", 25, "b".repeat(64), T0.plus(Duration.ofDays(200)), 200)) : next;
        };
        WatchLoop loop = new WatchLoop(Duration.ofMillis(50), scan, Optional.empty(), new PrintWriter(log, true));
        assertTrue(loop.metrics().stream().toList().isEmpty(), "no metrics before the first run");
        loop.start();
        try {
            assertTrue(twoRuns.await(10, TimeUnit.SECONDS));
        } finally {
            loop.stop();
        }
        assertTrue(loop.awaitStopped(Duration.ofSeconds(1)));
        assertFalse(loop.firstRunFailed());
        assertTrue(loop.runs() >= 2);
        assertTrue(log.toString().contains("smtpscope watch: run 1: 1 endpoint(s), 0 fail, 0 warn (first run)"), log.toString());
        assertTrue(log.toString().contains("smtpscope watch: run 2: 1 endpoint(s), 0 fail, 0 warn, 1 endpoint(s) changed"), log.toString());
        assertTrue(log.toString().contains("certificate replaced"), log.toString());
        assertFalse(loop.metrics().stream().toList().isEmpty(), "the latest run's metrics are served");
    }

    /** The webhook URL holds a token (in its path or query): a failed or refused POST logs only scheme, host and port. */
    @Test
    void aFailingWebhookIsLoggedWithoutItsToken() throws Exception {
        HttpServer refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusing.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        refusing.start();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try {
            for (int port : new int[]{refusing.getAddress().getPort(), closedPort}) {
                Webhook hook = new Webhook(URI.create("http://127.0.0.1:" + port + "/hook/T0K3N-IN-PATH?key=S3CR3T-IN-QUERY"));
                Deque<ScanReport> reports = new ArrayDeque<>(List.of(
                        report(T0, open("mx.a.test", 25, "a".repeat(64), T0.plus(Duration.ofDays(90)), 90)),
                        report(T0.plusSeconds(1), open("mx.a.test", 25, "b".repeat(64), T0.plus(Duration.ofDays(200)), 200))));
                WatchLoop loop = new WatchLoop(Duration.ofHours(1), reports::poll, Optional.of(hook), new PrintWriter(log, true));
                loop.runOnce();
                loop.runOnce();
                loop.stop();
            }
        } finally {
            refusing.stop(0);
        }
        assertTrue(log.toString().contains("webhook http://127.0.0.1:" + refusing.getAddress().getPort() + " answered HTTP 500"), log.toString());
        assertTrue(log.toString().contains("webhook http://127.0.0.1:" + closedPort + " failed: ConnectException"), log.toString());
        assertFalse(log.toString().contains("T0K3N") || log.toString().contains("S3CR3T"), log.toString());
    }

    @Test
    void aFailedFirstRunStopsTheLoop() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofHours(1), () -> {
            throw new IllegalStateException("cannot scan");
        }, Optional.empty(), new PrintWriter(log, true));
        loop.start();
        assertTrue(loop.awaitStopped(Duration.ofSeconds(10)), "the loop stops by itself");
        assertTrue(loop.firstRunFailed());
        assertEquals(1, loop.runs());
        assertTrue(log.toString().contains("run 1 failed: java.lang.IllegalStateException: cannot scan"), log.toString());
    }
}
