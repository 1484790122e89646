package io.smtpscope.hostile;

import io.smtpscope.result.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.engine.Resolver;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.app.ScanService;
import io.smtpscope.profile.Profile;
import io.smtpscope.report.Json;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.report.ReportSchema;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scans a set of hostile loopback servers through the real engine in ONE run, together with a well-behaved
 * STARTTLS server, so each scenario also proves that the other endpoints of the run are unaffected.
 * Timeouts are short (the bounds asserted are correctness bounds: an endpoint must end by its deadline).
 */
public final class HostileBatch implements AutoCloseable {
    public static final Duration CONNECT = Duration.ofSeconds(2);
    public static final Duration BANNER = Duration.ofSeconds(3);
    public static final Duration COMMAND = Duration.ofSeconds(2);
    public static final Duration TLS = Duration.ofSeconds(3);
    public static final Duration TOTAL = Duration.ofSeconds(8);
    /** Scheduling slack on a loaded 2-core machine; an endpoint that hangs overshoots by far more. */
    public static final Duration MARGIN = Duration.ofSeconds(3);
    /** A generous bound on one endpoint's JSON: the transcript and replies are bounded, so is this. */
    public static final int MAX_ENDPOINT_JSON_CHARS = 256 * 1024;

    private static final String CONTROL = "well-behaved";
    private static final DemoPki PKI = new DemoPki("smtpscope hostile test CA");
    private static final SSLContext TLS_CONTEXT = DemoPki.serverContext(PKI.issue(List.of("tls.hostile.test"), Duration.ofDays(90)));

    private final Map<String, String> targets = new LinkedHashMap<>();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private ScanReport report;

    /** One endpoint's result, when it arrived (ms since the run started), and its JSON. */
    public record Outcome(EndpointResult result, long arrivedMillis, String json) {
    }

    /**
     * The built-in profile, TLS enumeration included (full depth, as by default), with short timeouts: the
     * endpoint's total deadline bounds the probe and the enumeration together, so every scenario ends by it
     * whatever the enumeration's many connections meet.
     */
    public static Profile profile() {
        return Profile.builtIn().withTimeouts(CONNECT, BANNER, COMMAND, TLS, TOTAL);
    }

    public static DemoPki pki() {
        return PKI;
    }

    /** The context of the scenarios' own TLS servers: a certificate from the test CA, nothing hostile about it. */
    public static SSLContext tlsContext() {
        return TLS_CONTEXT;
    }

    /** A real JDK TLS server, as on port 465: silent until a ClientHello arrives, silent after the handshake. */
    public static void implicitTlsServer(Socket socket) throws IOException {
        new Conversation(socket).upgradeToTls(TLS_CONTEXT).silentUntilClosed();
    }

    public HostileBatch() throws IOException {
        ScriptedSmtpServer good = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.good.test",
                DemoPki.serverContext(PKI.issue(List.of("mail.good.test"), Duration.ofDays(90))), false));
        servers.add(good);
        targets.put(CONTROL, "127.0.0.1:" + good.port() + "/starttls");
    }

    /** Adds a scenario served by {@code behaviour}, scanned in {@code mode} (starttls, implicit-tls, plain). */
    public HostileBatch add(String name, String mode, ScriptedSmtpServer.Behaviour behaviour) throws IOException {
        ScriptedSmtpServer server = ScriptedSmtpServer.raw(behaviour);
        return add(name, mode, server.port(), server);
    }

    /** Adds a scenario served by a scripted SMTP server (a well-behaved dialogue around, say, a hostile certificate). */
    public HostileBatch add(String name, String mode, ServerScript script) throws IOException {
        ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        return add(name, mode, server.port(), server);
    }

    /** Adds a scenario whose server the caller started (and registers it to be closed with the batch). */
    public HostileBatch add(String name, String mode, int port, AutoCloseable server) {
        servers.add(server);
        return addTarget(name, "127.0.0.1:" + port + "/" + mode);
    }

    private HostileBatch addTarget(String name, String target) {
        if (targets.putIfAbsent(name, target) != null) {
            throw new IllegalArgumentException("duplicate scenario " + name);
        }
        return this;
    }

    /** Runs the scan: every endpoint concurrently (no endpoint waits for a permit). */
    public HostileBatch run() {
        Map<String, String> nameByTarget = new ConcurrentHashMap<>();
        List<TargetSpec> specs = new ArrayList<>();
        targets.forEach((name, target) -> {
            nameByTarget.put(target, name);
            specs.add(TargetParser.parse(target));
        });
        int concurrency = targets.size();
        ScanRequest request = new ScanRequest(specs, List.of(), profile(), Optional.empty(), ResolveOverrides.none(),
                TrustAnchors.of(List.of(PKI.caCertificate()), "hostile test CA"), concurrency, concurrency, false,
                Resolver.system(), Clock.systemUTC());
        long start = System.nanoTime();
        report = new ScanService(new Tool("smtpscope", "test")).run(request, result -> {
            long arrived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            try {
                outcomes.put(nameByTarget.get(result.target()), new Outcome(result, arrived,
                        Json.mapper().writeValueAsString(result)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise a result", e);
            }
        });
        // Whatever the servers did, the report stays within its documented contract (error kinds included).
        ReportSchema.assertValid(Json.mapper().valueToTree(report));
        // One line per scenario in the test's output file: what each hostile server got from the scanner.
        outcomes.forEach((name, o) -> System.out.printf("%-28s %6d ms  %s%s%n", name, o.arrivedMillis(),
                o.result().error() == null ? "ok" : o.result().error().phase() + "/" + o.result().error().kind()
                        + ": " + o.result().error().message(), enumeration(o.result())));
        return this;
    }

    /** What the TLS enumeration did, when it ran: its connections, and what it could not test. */
    private static String enumeration(EndpointResult result) {
        if (result.tls() == null || result.tls().connectionsUsed() == null) {
            return "";
        }
        return "; enumeration: " + result.tls().connectionsUsed() + " connection(s)"
                + (result.tls().untested().isEmpty() ? "" : ", untested " + result.tls().untested());
    }

    public ScanReport report() {
        return report;
    }

    public Outcome outcome(String name) {
        Outcome outcome = outcomes.get(name);
        assertNotNull(outcome, () -> "no result for scenario " + name);
        return outcome;
    }

    /**
     * What every scenario must satisfy: ended within the deadline, bounded transcript and JSON, no raw
     * control character from the server in any JSON string, and an error that names phase and kind.
     * Returns the result for the scenario's own assertions.
     */
    public EndpointResult assertContained(String name) {
        Outcome outcome = outcome(name);
        EndpointResult result = outcome.result();
        long bound = TOTAL.plus(MARGIN).toMillis();
        assertTrue(outcome.arrivedMillis() <= bound, () -> name + " ended after " + outcome.arrivedMillis()
                + " ms, beyond its deadline of " + TOTAL.toMillis() + " ms (+ margin)");
        assertTrue(result.timingsMs().total() <= bound, () -> name + " took " + result.timingsMs().total() + " ms");
        assertTrue(result.transcript().size() <= Transcript.MAX_LINES + 1, () -> name + ": transcript not bounded");
        for (String line : result.transcript()) {
            assertTrue(line.length() <= Transcript.MAX_LINE_CHARS + 64, () -> name + ": transcript line not bounded");
            assertTrue(line.indexOf('\n') < 0, () -> name + ": a transcript line holds a line feed: " + line);
        }
        assertTrue(outcome.json().length() <= MAX_ENDPOINT_JSON_CHARS, () -> name + ": endpoint JSON is "
                + outcome.json().length() + " characters");
        assertNoControlCharacters(name, outcome.json());
        return result;
    }

    /** Asserts the error's phase and kind, and that its message is there and free of raw control characters. */
    public EndpointResult assertError(String name, String phase, ErrorKind kind) {
        EndpointResult result = assertContained(name);
        assertNotNull(result.error(), () -> name + ": expected " + phase + "/" + kind + ", got no error; transcript "
                + result.transcript());
        assertEquals(phase + "/" + kind, result.error().phase() + "/" + result.error().kind(),
                () -> name + ": " + result.error().message() + "; transcript " + result.transcript());
        assertTrue(result.error().message() != null && !result.error().message().isBlank());
        return result;
    }

    public static boolean hasFinding(EndpointResult result, String id) {
        return result.findings().stream().anyMatch(f -> f.id().equals(id));
    }

    /** The control endpoint scanned in the same run: STARTTLS worked and nothing failed. */
    public void assertWellBehavedUnaffected() {
        EndpointResult good = assertContained(CONTROL);
        assertNull(good.error(), () -> "the well-behaved endpoint failed: " + good.error() + " " + good.transcript());
        assertEquals(220, good.smtp().banner().code());
        assertTrue(Boolean.TRUE.equals(good.smtp().starttls().upgraded()), "STARTTLS upgrade on the good server");
        assertNotNull(good.tls().protocol());
        assertTrue(good.certificate().trusted(), "the good server's certificate chains to the test CA");
        assertEquals(targets.size(), report.endpoints().size(), "every endpoint of the run is in the report");
    }

    /**
     * Walks every string of the JSON: none may hold a C0/C1 control character or an invisible formatting
     * character (bidi override, zero-width, Unicode line separator). The one exception is LF, which
     * the report itself uses to join the lines of a multi-line reply text; a server's own CR/LF always end a
     * line, so they can never appear inside one line.
     */
    public static void assertNoControlCharacters(String name, String json) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (IOException e) {
            fail(name + ": endpoint JSON does not parse: " + e.getMessage());
            return;
        }
        List<JsonNode> stack = new ArrayList<>(List.of(tree));
        while (!stack.isEmpty()) {
            JsonNode node = stack.removeLast();
            if (node.isTextual()) {
                String text = node.textValue();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    int type = Character.getType(c);
                    boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) || type == Character.FORMAT
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
                    int at = i;
                    assertTrue(!control, () -> name + ": raw control character U+" + String.format("%04X", (int) c)
                            + " in JSON string '" + text.substring(0, Math.min(text.length(), at + 1)) + "'");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                stack.add(fields.next().getValue());
            }
            if (node.isArray()) {
                node.forEach(stack::add);
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
