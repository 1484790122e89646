package io.smtpscope.diagnosis;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.engine.ReverseLookup;
import io.smtpscope.engine.Resolver;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.app.ScanService;
import io.smtpscope.profile.Profile;
import io.smtpscope.report.Json;
import io.smtpscope.report.JsonReportWriter;
import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ReverseDns;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Tool;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diagnosis on real scans of in-JVM servers on loopback: stripping firewalls, an intercepting CA,
 * closed ports, listeners that accept and never greet, and a resolver that fails. No traffic leaves
 * 127.0.0.0/8; names are RFC 2606 ones pinned with --resolve, or resolved by a fake resolver.
 */
class NetworkDiagnosisEndToEndTest {
    private static final DemoPki TRUSTED = new DemoPki("e2e trusted root");
    private static final DemoPki INTERCEPTOR = new DemoPki("Intercepting Proxy CA");
    private static JsonSchema schema;

    private final List<AutoCloseable> running = new ArrayList<>();
    private final ResolveOverrides overrides = ResolveOverrides.none();
    private final List<TargetSpec> targets = new ArrayList<>();

    @BeforeAll
    static void init() throws IOException {
        TlsContexts.init();
        try (InputStream in = NetworkDiagnosisEndToEndTest.class.getResourceAsStream("/io/smtpscope/report/report-v1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    private int server(ServerScript script) throws IOException {
        ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        running.add(server);
        return server.port();
    }

    private ServerScript wellBehaved(String name, DemoPki pki) {
        return ServerScript.wellBehaved(name, DemoPki.serverContext(pki.issue(List.of(name), Duration.ofDays(90))), false);
    }

    private ServerScript strippedBy(String name) {
        return wellBehaved(name, TRUSTED).withEhloBeforeTls(List.of("PIPELINING", "SIZE 10240000", "XXXXXXXA"))
                .withStartTlsReply("500 5.5.1 Command unrecognized");
    }

    /** A listener that accepts connections and never says a word (a silent transparent proxy). */
    private int silentListener(String address) throws IOException {
        ScriptedSmtpServer listener = ScriptedSmtpServer.raw(InetAddress.getByName(address), s -> new Conversation(s).neverReadNeverWrite());
        running.add(listener);
        return listener.port();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void target(String name, String address, int port, String mode) {
        overrides.add(name + ":" + address);
        targets.add(TargetParser.parse(name + ":" + port + "/" + mode));
    }

    private ScanReport scan(NetworkDiagnosis diagnosis, ReverseLookup reverse, Resolver resolver) throws Exception {
        Profile profile = Profile.builtIn().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(8));
        ScanRequest request = new ScanRequest(targets, List.of(), profile, Optional.empty(), overrides,
                TrustAnchors.of(List.of(TRUSTED.caCertificate()), "the e2e root"), 8, 2, false, resolver, Clock.systemUTC());
        ScanReport report = new ScanService(new Tool("smtpscope", "test"), reverse, diagnosis).run(request, r -> { });
        StringWriter out = new StringWriter();
        new JsonReportWriter().write(report, out);
        Set<ValidationMessage> errors = schema.validate(Json.mapper().readTree(out.toString()));
        assertTrue(errors.isEmpty(), () -> "schema violations: " + errors);
        return report;
    }

    private ScanReport scan() throws Exception {
        return scan(new NetworkDiagnosis(), ReverseLookup.none(), noDns());
    }

    private static Resolver noDns() {
        return host -> {
            throw new UnknownHostException(host + ": this test uses no DNS");
        };
    }

    private static List<String> ids(ScanReport report) {
        return report.diagnosis().stream().map(Diagnosis::id).toList();
    }

    @Test
    void firewallStrippingStartTlsOnEveryServer() throws Exception {
        target("mail.strip-a.test", "127.0.0.1", server(strippedBy("mail.strip-a.test")), "starttls");
        target("mx.strip-b.example", "127.0.0.1", server(strippedBy("mx.strip-b.example")), "starttls");
        ScanReport report = scan();
        assertEquals(List.of("SMTP_MIDDLEBOX"), ids(report));
        assertEquals(2, report.diagnosis().get(0).evidence().size());
        assertTrue(report.diagnosis().get(0).evidence().stream().allMatch(e -> e.endsWith("STARTTLS stripped")));
    }

    @Test
    void oneUntrustedIssuerOnUnrelatedServersIsInterception() throws Exception {
        target("mail.tls-a.test", "127.0.0.1", server(wellBehaved("mail.tls-a.test", INTERCEPTOR)), "starttls");
        target("mx.tls-b.example", "127.0.0.1", server(wellBehaved("mx.tls-b.example", INTERCEPTOR)), "starttls");
        ScanReport report = scan();
        assertEquals(List.of("TLS_INTERCEPTION"), ids(report));
        assertTrue(report.diagnosis().get(0).advice().contains("Intercepting Proxy CA"), report.diagnosis().get(0).advice());
    }

    @Test
    void internalServersOfOnePrivateCaAreOnlyAWarning() throws Exception {
        DemoPki privateCa = new DemoPki("Example Corp Private Root");
        target("mail.corp.internal", "127.0.0.1", server(wellBehaved("mail.corp.internal", privateCa)), "starttls");
        target("relay.office.lan", "127.0.0.1", server(wellBehaved("relay.office.lan", privateCa)), "starttls");
        ScanReport report = scan();
        assertEquals(List.of("TLS_INTERCEPTION_POSSIBLE"), ids(report));
        assertEquals(Severity.WARN, report.diagnosis().get(0).severity());
        assertTrue(report.diagnosis().get(0).advice().contains("Example Corp Private Root"), report.diagnosis().get(0).advice());
    }

    @Test
    void trustedCertificatesFromOneCaAreNotInterception() throws Exception {
        target("mail.tls-a.test", "127.0.0.1", server(wellBehaved("mail.tls-a.test", TRUSTED)), "starttls");
        target("mx.tls-b.example", "127.0.0.1", server(wellBehaved("mx.tls-b.example", TRUSTED)), "starttls");
        ScanReport report = scan();
        assertEquals(List.of(), ids(report));
    }

    @Test
    void relayPortRefusedByEveryServerWhileSubmissionAnswers() throws Exception {
        int relay = closedPort();
        target("mx.relay.test", "127.0.0.1", relay, "starttls");
        target("mx.relay.test", "127.0.0.1", server(wellBehaved("mx.relay.test", TRUSTED)), "starttls");
        target("mail.other.example", "127.0.0.1", relay, "starttls");
        target("mail.other.example", "127.0.0.1", server(wellBehaved("mail.other.example", TRUSTED)), "starttls");
        ScanReport report = scan(new NetworkDiagnosis(relay), ReverseLookup.none(), noDns());
        assertEquals(List.of("OUTBOUND_PORT_25_BLOCKED"), ids(report));
        assertTrue(report.diagnosis().get(0).evidence().contains("mx.relay.test:" + relay + " (127.0.0.1): refused"),
                report.diagnosis().get(0).evidence().toString());
    }

    @Test
    void relayPortThatAcceptsButNeverGreets() throws Exception {
        int relay = silentListener("127.0.0.1");
        target("mx.silent.test", "127.0.0.1", relay, "starttls");
        target("mx.silent.test", "127.0.0.1", server(wellBehaved("mx.silent.test", TRUSTED)), "starttls");
        ScanReport report = scan(new NetworkDiagnosis(relay), ReverseLookup.none(), noDns());
        assertEquals(List.of("OUTBOUND_PORT_25_BLOCKED"), ids(report));
        EndpointResult silent = report.endpoints().stream().filter(e -> e.port() == relay).findFirst().orElseThrow();
        assertEquals(List.of("BANNER_TIMEOUT"), silent.findings().stream().map(Finding::id).toList());
    }

    @Test
    void noServerEverGreets() throws Exception {
        target("mx.quiet-a.test", "127.0.0.1", silentListener("127.0.0.1"), "starttls");
        target("mx.quiet-b.example", "127.0.0.2", silentListener("127.0.0.2"), "starttls");
        ScanReport report = scan();
        assertEquals(List.of("SMTP_SILENT_PROXY"), ids(report));
    }

    @Test
    void resolverThatAnswersNothing() throws Exception {
        targets.add(TargetParser.parse("mx.one.test:25"));
        targets.add(TargetParser.parse("mx.two.example:25"));
        ScanReport report = scan();
        assertEquals(List.of("RESOLVER_FAILURE"), ids(report));
        assertTrue(report.endpoints().stream().allMatch(e -> e.findings().stream().anyMatch(f -> f.id().equals("DNS_ERROR"))));
    }

    @Test
    void relayPortRefusedByOneServerOnlyIsNotBlamedOnTheNetwork() throws Exception {
        int relay = closedPort();
        target("smtp.submit-only.test", "127.0.0.1", relay, "starttls");
        target("smtp.submit-only.test", "127.0.0.1", server(wellBehaved("smtp.submit-only.test", TRUSTED)), "starttls");
        assertEquals(List.of(), ids(scan(new NetworkDiagnosis(relay), ReverseLookup.none(), noDns())));
    }

    @Test
    void reverseDnsIsNotLookedUpWhenTheProfileSaysSo() throws Exception {
        target("mail.rdns.test", "127.0.0.1", server(wellBehaved("mail.rdns.test", TRUSTED)), "starttls");
        ReverseLookup mustNotBeCalled = address -> {
            throw new AssertionError("reverse lookup of " + address + " although reverse_dns is off");
        };
        Profile profile = Profile.builtIn().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(8));
        profile = profile.withProbe(profile.probe().withSwitches(true, true, false));
        ScanRequest request = new ScanRequest(targets, List.of(), profile, Optional.empty(), overrides,
                TrustAnchors.of(List.of(TRUSTED.caCertificate()), "the e2e root"), 8, 2, false, noDns(), Clock.systemUTC());
        ScanReport report = new ScanService(new Tool("smtpscope", "test"), mustNotBeCalled, new NetworkDiagnosis()).run(request, r -> { });
        assertEquals(null, report.endpoints().get(0).reverseDns());
        EndpointResult e = report.endpoints().get(0);
        assertEquals(io.smtpscope.result.Reachability.OPEN, e.reachability());
        assertEquals(null, e.error(), "no internal error from the lookup");
        assertTrue(e.findings().stream().noneMatch(f -> f.severity().atLeast(io.smtpscope.result.Severity.WARN)), e.findings().toString());
    }

    @Test
    void reverseDnsIsInjectedAndComparedWithTheGreeting() throws Exception {
        target("mail.rdns.test", "127.0.0.1", server(wellBehaved("mail.rdns.test", TRUSTED)), "starttls");
        ReverseLookup fake = address -> new ReverseDns(List.of("static-1.isp.test"), null);
        ScanReport report = scan(new NetworkDiagnosis(), fake, noDns());
        EndpointResult e = report.endpoints().get(0);
        assertEquals(new ReverseDns(List.of("static-1.isp.test"), null), e.reverseDns());
        assertTrue(e.findings().stream().anyMatch(f -> f.id().equals("GREETING_NAME_RDNS_MISMATCH")
                && f.explanation().contains("static-1.isp.test")), e.findings().toString());
        // The report keeps the observation, so judging it again gives the same finding.
        assertEquals(e, Json.mapper().readValue(Json.mapper().writeValueAsString(e), EndpointResult.class));
    }
}
