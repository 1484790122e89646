package io.smtpscope.app;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.diagnosis.NetworkDiagnosis;
import io.smtpscope.dns.MxAnswer;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.engine.ReverseLookup;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ReverseDns;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.result.StoredEndpoints;
import io.smtpscope.report.Json;
import io.smtpscope.report.JsonReportWriter;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole run against in-process servers on loopback: planning, observation, judgement and diagnosis together. */
class ScanServiceTest {
    private static final Tool TOOL = new Tool("smtpscope", "test");
    private static DemoPki pki;
    private static ScriptedSmtpServer server;

    @BeforeAll
    static void start() throws IOException {
        TlsContexts.init();
        pki = new DemoPki("ScanService Test CA");
        DemoPki.KeyMaterial key = pki.issue(List.of("mx.example.test"), Duration.ofDays(90));
        server = new ScriptedSmtpServer(ServerScript.wellBehaved("mx.example.test", DemoPki.serverContext(key), false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Profile quick() {
        return Profile.builtIn().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(15));
    }

    private static ScanRequest request(List<TargetSpec> specs, Profile profile, MxLookup mx) {
        return new ScanRequest(specs, List.of("hosts.txt:3: bad"), profile, Optional.empty(),
                ResolveOverrides.parse(List.of("mx.example.test:127.0.0.1")), TrustAnchors.of(List.of(pki.caCertificate()), "test CA"),
                4, 2, false, host -> { throw new UnknownHostException("no DNS in this test: " + host); }, Clock.systemUTC(), mx);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> ids(EndpointResult e) {
        return e.findings().stream().map(Finding::id).toList();
    }

    @Test
    void observesJudgesAndReportsEveryEndpointAsItFinishes() throws Exception {
        int closed = closedPort();
        AtomicInteger planned = new AtomicInteger(-1);
        List<EndpointResult> streamed = Collections.synchronizedList(new ArrayList<>());
        ScanRequest request = request(List.of(TargetParser.parse("mx.example.test:" + server.port()),
                TargetParser.parse("127.0.0.1:" + closed + "/starttls")), quick(), null);

        ScanReport report = new ScanService(TOOL, ReverseLookup.none(), new NetworkDiagnosis()).run(request, planned::set, streamed::add);

        assertEquals(2, planned.get());
        assertEquals(ScanReport.SCHEMA, report.schema());
        assertEquals(TOOL, report.tool());
        assertEquals("default", report.profile());
        assertEquals(List.of("hosts.txt:3: bad"), report.inputErrors());
        assertTrue(report.complete());
        assertFalse(report.finishedAt().isBefore(report.startedAt()));
        assertEquals(2, report.endpoints().size());
        assertTrue(streamed.containsAll(report.endpoints()) && report.endpoints().containsAll(streamed),
                "what was streamed is what was reported, judged: " + streamed);

        EndpointResult good = report.endpoints().get(0);
        assertEquals(Reachability.OPEN, good.reachability());
        assertNull(good.error(), () -> String.valueOf(good.error()));
        assertTrue(good.certificate().trusted() && good.certificate().nameMatches(), good.certificate().toString());
        assertFalse(good.reproduce().isEmpty(), "the manual commands are part of the observation");
        assertNull(good.reverseDns(), "reverse DNS not looked up with ReverseLookup.none()");
        assertFalse(ids(good).contains("CERT_UNTRUSTED"), ids(good).toString());

        EndpointResult refused = report.endpoints().get(1);
        assertEquals(Reachability.REFUSED, refused.reachability());
        assertTrue(ids(refused).contains("PORT_REFUSED"), ids(refused).toString());
    }

    @Test
    void aScanSpilledFromItsFirstResultReportsWhatAnInMemoryScanReports() throws Exception {
        int closed = closedPort();
        ScanRequest request = request(List.of(TargetParser.parse("mx.example.test:" + server.port()),
                TargetParser.parse("127.0.0.1:" + closed + "/starttls"),
                TargetParser.parse("127.0.0.1:" + server.port() + "/starttls")), quick(), null);
        ScanService service = new ScanService(TOOL, ReverseLookup.none(), new NetworkDiagnosis());

        ScanReport inMemory = service.run(request, r -> { });
        ScanReport spilled = service.withSpillThreshold(0).run(request, r -> { });

        assertInstanceOf(StoredEndpoints.class, spilled.endpoints(), "the report reads its results from the spill");
        assertEquals(3, spilled.endpoints().size());
        assertEquals(withoutTimes(inMemory), withoutTimes(spilled));
    }

    /** The report as JSON without what differs between two runs of one scan: its times and durations. */
    private static com.fasterxml.jackson.databind.JsonNode withoutTimes(ScanReport report) throws IOException {
        java.io.StringWriter json = new java.io.StringWriter();
        new JsonReportWriter().write(report, json);
        return withoutTimes(Json.mapper().readTree(json.toString()));
    }

    private static com.fasterxml.jackson.databind.JsonNode withoutTimes(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode out = Json.mapper().createObjectNode();
            node.properties().forEach(p -> {
                if (!List.of("started_at", "finished_at", "timings_ms", "duration_ms").contains(p.getKey())) {
                    out.set(p.getKey(), withoutTimes(p.getValue()));
                }
            });
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = Json.mapper().createArrayNode();
            node.forEach(v -> out.add(withoutTimes(v)));
            return out;
        }
        // the transcript's "done in N ms"
        return node.isTextual() ? com.fasterxml.jackson.databind.node.TextNode.valueOf(node.asText().replaceAll("\\d+ ms", "N ms")) : node;
    }

    @Test
    void aWatcherHearsEachConnectionStepWithItsBound() throws Exception {
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        ScanRequest request = request(List.of(TargetParser.parse("mx.example.test:" + server.port())), quick(), null);

        new ScanService(TOOL, ReverseLookup.none(), new NetworkDiagnosis()).run(request, planned -> { }, r -> { },
                (endpoint, step, timeoutMillis) -> steps.add(endpoint.host() + " " + step + " " + timeoutMillis));

        // the probe's dialogue, each step with its own timeout from the profile (connect 2 s, banner/command/TLS 3 s)
        assertEquals(List.of("mx.example.test connect 2000", "mx.example.test banner 3000", "mx.example.test ehlo 3000",
                "mx.example.test starttls 3000", "mx.example.test handshake 3000", "mx.example.test ehlo_after_tls 3000"),
                steps.subList(0, 6), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("mx.example.test hello ")),
                "the enumeration's connections are heard too: " + steps);
    }

    @Test
    void reverseDnsAndMxOriginAreObservedBeforeJudgement() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        ReverseLookup noPtr = address -> {
            lookups.incrementAndGet();
            return new ReverseDns(List.of(), null);
        };
        MxLookup mx = domain -> switch (domain) {
            case "example.test" -> new MxAnswer.Exchanges(List.of(new MxAnswer.Exchange(10, "mx.example.test")));
            case "nomail.test" -> new MxAnswer.NullMx();
            default -> new MxAnswer.Failed("unexpected MX lookup of " + domain);
        };
        ScanRequest request = request(List.of(TargetParser.parseMxDomain("nomail.test"),
                TargetParser.parseMxDomain("example.test:" + server.port())), quick(), mx);

        ScanReport report = new ScanService(TOOL, noPtr, new NetworkDiagnosis()).run(request, r -> { });

        assertEquals(2, report.endpoints().size());
        EndpointResult nullMx = report.endpoints().get(0);
        assertEquals("nomail.test", nullMx.host(), "a domain with nothing to scan is reported first");
        assertEquals(Reachability.DNS_ERROR, nullMx.reachability());
        assertTrue(ids(nullMx).contains("NULL_MX"), ids(nullMx).toString());

        EndpointResult viaMx = report.endpoints().get(1);
        assertEquals("mx.example.test", viaMx.host());
        assertNotNull(viaMx.mx());
        assertEquals("example.test", viaMx.mx().domain());
        assertEquals(10, viaMx.mx().preference());
        assertEquals(new ReverseDns(List.of(), null), viaMx.reverseDns());
        assertTrue(ids(viaMx).contains("REVERSE_DNS_MISSING"), "judged after the reverse lookup: " + ids(viaMx));
        assertEquals(1, lookups.get(), "one lookup for the one probed address, none for the null-MX domain");
    }

    @Test
    void aProfileWithoutReverseDnsNeverLooksItUp() throws Exception {
        Profile noReverse = quick().withProbe(quick().probe().withSwitches(true, true, false));
        ReverseLookup mustNotRun = address -> {
            throw new AssertionError("reverse lookup with reverse_dns: false");
        };
        ScanReport report = new ScanService(TOOL, mustNotRun, new NetworkDiagnosis())
                .run(request(List.of(TargetParser.parse("mx.example.test:" + server.port())), noReverse, null), r -> { });
        assertNull(report.endpoints().get(0).error(), () -> String.valueOf(report.endpoints().get(0).error()));
        assertNull(report.endpoints().get(0).reverseDns());
    }

    @Test
    void theRunIsDiagnosedAcrossEndpoints() {
        ScanReport report = new ScanService(TOOL, ReverseLookup.none(), new NetworkDiagnosis())
                .run(request(List.of(TargetParser.parse("a.example.test:25"), TargetParser.parse("b.example.test:25")),
                        quick(), null), r -> { });
        assertTrue(report.endpoints().stream().allMatch(e -> e.reachability() == Reachability.DNS_ERROR));
        assertTrue(report.endpoints().stream().allMatch(e -> ids(e).contains("DNS_ERROR")), "each endpoint is judged");
        assertEquals(List.of("RESOLVER_FAILURE"), report.diagnosis().stream().map(d -> d.id()).toList());
    }
}
