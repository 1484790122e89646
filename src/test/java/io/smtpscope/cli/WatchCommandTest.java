package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.monitor.ExpositionChecker;
import io.smtpscope.report.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * watch against an in-JVM server: two or more runs one second apart, /metrics scraped over loopback, the
 * webhook received on a loopback HTTP server after the certificate is swapped, then stopped in-process
 * (interrupt) and, in a child JVM, by SIGTERM.
 */
class WatchCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private LoopbackServers servers;
    private LoopbackServers.Swappable smtp;
    private HttpServer webhookReceiver;
    private final BlockingQueue<String> webhooks = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        servers = new LoopbackServers();
        smtp = servers.swappable("mail.watched.test", Duration.ofDays(90));
        webhookReceiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhookReceiver.createContext("/hook", exchange -> {
            webhooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhookReceiver.start();
    }

    @AfterEach
    void stop() {
        webhookReceiver.stop(0);
        servers.close();
    }

    /** Where the webhook receiver listens, with a token in its path and query as chat services put it. */
    private String webhookUrl() {
        return "http://127.0.0.1:" + webhookReceiver.getAddress().getPort() + "/hook/T0K3N-IN-PATH?key=S3CR3T-IN-QUERY";
    }

    /** watch's arguments; the webhook URL comes from a file, or (child JVM) from the environment. */
    private List<String> watchArgs(int metricsPort, boolean webhookFile) throws IOException {
        List<String> args = new ArrayList<>(List.of("watch", "--every", "1s", "--metrics-port", Integer.toString(metricsPort)));
        if (webhookFile) {
            args.addAll(List.of("--webhook-file", Files.writeString(dir.resolve("webhook-url"), webhookUrl() + "\n").toString()));
        }
        args.addAll(LoopbackServers.scanArgs("mail.watched.test", smtp.server, servers.caFile(dir)));
        args.addAll(List.of("--history", dir.resolve("history.db").toString()));
        return args;
    }

    @Test
    void scansOnScheduleServesMetricsPostsChangesAndStopsInProcess() throws Exception {
        int metricsPort = freePort();
        List<String> args = watchArgs(metricsPort, true);
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread watch = Thread.ofPlatform().name("watch-under-test").start(() -> result.set(CliRun.of(args)));
        try {
            Map<String, ExpositionChecker.Family> metrics = scrapeUntil(metricsPort, m -> m.containsKey("smtpscope_up"));
            ExpositionChecker.Sample up = metrics.get("smtpscope_up").samples().get(0);
            assertEquals("mail.watched.test", up.labels().get("host"));
            assertEquals(Integer.toString(smtp.server.port()), up.labels().get("port"));
            assertEquals(1.0, up.value());
            double firstExpiry = metrics.get("smtpscope_certificate_expiry_timestamp_seconds").samples().get(0).value();
            assertTrue(webhooks.isEmpty(), "no change yet, no webhook: " + webhooks);

            smtp.swap(Duration.ofDays(200));
            String body = webhooks.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(body, "no webhook within " + WAIT);
            JsonNode payload = Json.mapper().readTree(body);
            assertEquals("smtpscope.changes", payload.get("event").asText());
            JsonNode change = payload.get("diff").get("endpoints").get(0).get("changes").get(0);
            assertEquals("certificate-replaced", change.get("kind").asText());
            assertFalse(change.get("old_sha256").asText().equals(change.get("new_sha256").asText()));
            assertTrue(payload.get("text").asText().contains("certificate replaced"));

            Map<String, ExpositionChecker.Family> after = scrapeUntil(metricsPort, m ->
                    m.get("smtpscope_certificate_expiry_timestamp_seconds").samples().get(0).value() > firstExpiry);
            assertEquals(1, after.get("smtpscope_certificate_expiry_timestamp_seconds").samples().size());
        } finally {
            watch.interrupt();
            watch.join(WAIT.toMillis());
        }
        assertFalse(watch.isAlive(), "watch did not stop after an interrupt");
        CliRun run = result.get();
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.err().contains("metrics on http://127.0.0.1:" + metricsPort + "/metrics"), run::toString);
        assertTrue(run.err().contains("; changes POSTed to http://127.0.0.1:" + webhookReceiver.getAddress().getPort() + "\n"), run::toString);
        assertFalse(run.all().contains("T0K3N") || run.all().contains("S3CR3T"), run::toString);
        assertTrue(run.err().contains("certificate replaced: sha256 "), run::toString);
        assertTrue(run.err().matches("(?s).*stopped after \\d+ run\\(s\\).*"), run::toString);
        assertThrows(ConnectException.class, () -> get(metricsPort), "the metrics server is closed");
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
            assertTrue(store.lastReports(10).size() >= 2, "every run is kept in the history");
        }
    }

    @Test
    void badArgumentsFailBeforeAnythingStarts() {
        CliRun noInterval = CliRun.of("watch", "mail.example.com");
        assertEquals(2, noInterval.status());
        assertTrue(noInterval.err().contains("--every"), noInterval::toString);
        CliRun badInterval = CliRun.of("watch", "--every", "10x", "mail.example.com");
        assertEquals(2, badInterval.status());
        assertTrue(badInterval.err().contains("'10x' is not an interval"), badInterval::toString);
        CliRun badScanOption = CliRun.of("watch", "--every", "1h", "--concurency", "3", "mail.example.com");
        assertEquals(2, badScanOption.status());
        assertTrue(badScanOption.err().contains("scan arguments: Unknown option: '--concurency'"), badScanOption::toString);
        CliRun nagios = CliRun.of("watch", "--every", "1h", "--nagios", "mail.example.com");
        assertEquals(2, nagios.status());
        CliRun webhook = CliRun.of("watch", "--every", "1h", "--webhook", "ftp://example.com/T0K3N", "mail.example.com");
        assertEquals(2, webhook.status());
        assertTrue(webhook.err().contains("--webhook: webhook URL must be http:// or https://"), webhook::toString);
        assertFalse(webhook.err().contains("T0K3N"), webhook::toString);
    }

    /** /metrics has no authentication: an address other machines reach needs --metrics-allow-remote, checked first. */
    @Test
    void metricsOnANonLoopbackAddressNeedsAnExplicitOption() {
        for (String address : List.of("0.0.0.0", "::", "192.0.2.1")) {
            CliRun run = CliRun.of("watch", "--every", "1h", "--metrics-port", "0", "--metrics-address", address, "--nagios", "mail.example.com");
            assertEquals(2, run.status(), run::toString);
            assertTrue(run.err().contains("--metrics-address " + address + ": /metrics has no authentication"), run::toString);
            assertTrue(run.err().contains("add --metrics-allow-remote to confirm"), run::toString);
        }
        for (String loopback : List.of("127.0.0.1", "127.0.0.2", "::1", "localhost")) {
            assertTrue(WatchCommand.metricsAddress(loopback, false).isLoopbackAddress(), loopback);
        }
        assertEquals("192.0.2.1", WatchCommand.metricsAddress("192.0.2.1", true).getHostAddress(), "allowed when asked for");
        CliRun off = CliRun.of("watch", "--every", "1h", "--metrics-port", "-1", "--metrics-address", "0.0.0.0", "--nagios", "x.test");
        assertTrue(off.err().contains("--nagios is for one-shot checks"), "no metrics server, nothing to refuse: " + off);
    }

    @Test
    void childJvmStopsCleanlyOnSigterm() throws Exception {
        int metricsPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "io.smtpscope.cli.Main"));
        command.addAll(watchArgs(metricsPort, false));
        Path stderr = dir.resolve("watch.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectOutput(dir.resolve("watch.out").toFile()).redirectError(stderr.toFile());
        builder.environment().put("SMTPSCOPE_WEBHOOK_URL", webhookUrl());
        Process process = builder.start();
        try {
            scrapeUntil(metricsPort, m -> m.containsKey("smtpscope_up"));
            process.destroy(); // SIGTERM on Unix
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "watch did not exit after SIGTERM");
        } finally {
            process.destroyForcibly();
        }
        String err = Files.readString(stderr);
        assertEquals(143, process.exitValue(), err);
        assertTrue(err.contains("smtpscope watch: stopping (signal)"), err);
        assertTrue(err.contains("; changes POSTed to http://127.0.0.1:" + webhookReceiver.getAddress().getPort() + "\n"), err);
        assertFalse(String.join(" ", command).contains("T0K3N"), "the URL is not on the command line");
        assertFalse(err.contains("T0K3N") || err.contains("S3CR3T"), err);
        assertThrows(ConnectException.class, () -> get(metricsPort), "the metrics server is closed");
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
            assertFalse(store.lastReports(10).isEmpty());
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private Map<String, ExpositionChecker.Family> scrapeUntil(int port, java.util.function.Predicate<Map<String, ExpositionChecker.Family>> ready)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, ExpositionChecker.Family> metrics = ExpositionChecker.parse(get(port));
                if (ready.test(metrics)) {
                    return metrics;
                }
            } catch (IOException | RuntimeException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        fail("/metrics on port " + port + " not ready within " + WAIT + (last == null ? "" : ": " + last));
        return null;
    }

    private String get(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
