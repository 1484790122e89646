package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.dns.LoopbackDnsServer;
import io.smtpscope.report.Json;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scan --mx DOMAIN} end to end, in-process: MX, A and AAAA come from a DNS server on 127.0.0.1 given with
 * --dns-server, the MX host's A record is 127.0.0.1, and an in-JVM SMTP server answers there. No real DNS. An MX
 * host on loopback is scanned only with --allow-private-mx, which every scan here passes but the one that checks
 * the refusal.
 */
class MxScanCliTest {
    @TempDir
    static Path dir;

    private static LoopbackDnsServer dns;
    private static ScriptedSmtpServer smtp;
    private static Path caFile;
    private static JsonSchema schema;

    @BeforeAll
    static void start() throws Exception {
        TlsContexts.init();
        DemoPki pki = new DemoPki("MX Test CA");
        DemoPki.KeyMaterial key = pki.issue(List.of("mx.example.test"), Duration.ofDays(30));
        smtp = new ScriptedSmtpServer(ServerScript.wellBehaved("mx.example.test", DemoPki.serverContext(key), false));
        caFile = dir.resolve("ca.pem");
        pki.writeCaPem(caFile);
        dns = new LoopbackDnsServer()
                .mx("example.test", 10, "mx.example.test").a("mx.example.test", "127.0.0.1")
                .mx("nullmx.test", 0, ".")
                .mx("three.test", 10, "mx.example.test").mx("three.test", 20, "b.three.test").mx("three.test", 30, "c.three.test")
                .servfail("broken.test");
        try (InputStream in = MxScanCliTest.class.getResourceAsStream("/io/smtpscope/report/report-v1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
        dns.close();
    }

    private static CliRun scan(Path json, String... args) {
        List<String> all = new ArrayList<>(List.of("--allow-private-mx"));
        all.addAll(List.of(args));
        return scanWithoutPrivateRanges(json, all.toArray(String[]::new));
    }

    private static CliRun scanWithoutPrivateRanges(Path json, String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "--dns-server", dns.address(), "--ca-file", caFile.toString(),
                "--profile", "quick", "--no-history", "-q", "--json", json.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all);
    }

    private static JsonNode validReport(Path file) throws Exception {
        JsonNode report = Json.mapper().readTree(file.toFile());
        Set<ValidationMessage> errors = schema.validate(report);
        assertTrue(errors.isEmpty(), () -> "schema violations: " + errors);
        return report;
    }

    private static List<String> findingIds(JsonNode endpoint) {
        return StreamSupport.stream(endpoint.get("findings").spliterator(), false).map(f -> f.get("id").asText()).toList();
    }

    @Test
    void scansTheMxHostOfADomainAndReportsANullMxDomain() throws Exception {
        Path json = dir.resolve("mx.json");
        CliRun r = scan(json, "--mx", "example.test:" + smtp.port(), "--mx", "nullmx.test");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), "nothing on stderr (no SLF4J warning either)");
        JsonNode endpoints = validReport(json).get("endpoints");
        assertEquals(2, endpoints.size(), endpoints.toString());

        JsonNode nullMx = endpoints.get(0);
        assertEquals("mx:nullmx.test", nullMx.get("target").asText());
        assertEquals("dns-error", nullMx.get("reachability").asText());
        assertEquals(".", nullMx.get("mx").get("host").asText());
        assertEquals(List.of("NULL_MX"), findingIds(nullMx));

        JsonNode mx = endpoints.get(1);
        assertEquals("mx.example.test:" + smtp.port(), mx.get("target").asText());
        assertEquals("127.0.0.1", mx.get("address").asText());
        assertEquals("open", mx.get("reachability").asText());
        assertTrue(mx.get("smtp").get("starttls").get("upgraded").asBoolean(), mx.toString());
        assertTrue(mx.get("certificate").get("trusted").asBoolean(), mx.toString());
        assertEquals("example.test", mx.get("mx").get("domain").asText());
        assertEquals(10, mx.get("mx").get("preference").asInt());
        assertEquals("mx.example.test", mx.get("mx").get("host").asText());
        assertFalse(mx.get("mx").get("implicit").asBoolean());
        assertTrue(findingIds(mx).contains("MX_ADDRESS_NOT_PUBLIC"), "scanned, as asked, and still flagged: " + findingIds(mx));
        assertFalse(mx.has("fan_out"), "nothing was left out");
        // The report reads back (judge, report, diff) with its MX origins.
        io.smtpscope.result.ScanReport back = Json.mapper().readValue(json.toFile(), io.smtpscope.result.ScanReport.class);
        assertEquals(io.smtpscope.target.MxOrigin.exchange("example.test", 10, "mx.example.test"), back.endpoints().get(1).mx());
        assertTrue(back.endpoints().get(0).mx().isNullMx());
        assertTrue(dns.questions().containsAll(List.of("example.test MX", "mx.example.test A", "mx.example.test AAAA")),
                dns.questions().toString());
    }

    @Test
    void failingDomainsFromAListAreReportedAndNeverStopTheOthers() throws Exception {
        Path list = dir.resolve("domains.txt");
        Files.writeString(list, "# mail domains\nmx:missing.test\nmx:broken.test\nmx:example.test:" + smtp.port() + "\n");
        Path json = dir.resolve("failing.json");
        CliRun r = scan(json, "-i", list.toString());
        assertEquals(ExitCodes.FINDINGS, r.exit(), r.toString());
        assertFalse(r.all().contains("\tat ") || r.all().contains("Exception"), "no stack trace: " + r);
        JsonNode endpoints = validReport(json).get("endpoints");
        assertEquals(3, endpoints.size(), endpoints.toString());
        assertEquals("MX lookup of missing.test failed: NXDOMAIN (the domain does not exist)",
                endpoints.get(0).get("error").get("message").asText());
        assertEquals("MX lookup of broken.test failed: SERVFAIL from " + dns.address(),
                endpoints.get(1).get("error").get("message").asText());
        for (JsonNode failed : List.of(endpoints.get(0), endpoints.get(1))) {
            assertEquals("dns-error", failed.get("reachability").asText());
            assertEquals("dns-error", failed.get("error").get("kind").asText());
            assertTrue(failed.get("mx").get("host").isNull());
            assertEquals(List.of("DNS_ERROR"), findingIds(failed));
        }
        assertEquals("open", endpoints.get(2).get("reachability").asText());
    }

    @Test
    void anMxHostOnLoopbackIsNotScannedUnlessAskedFor() throws Exception {
        int accepted = smtp.accepted();
        Path json = dir.resolve("refused.json");
        CliRun r = scanWithoutPrivateRanges(json, "--mx", "example.test:" + smtp.port());
        assertEquals(0, r.exit(), "a warning, not a failure: " + r);
        JsonNode endpoints = validReport(json).get("endpoints");
        assertEquals(1, endpoints.size(), endpoints.toString());
        JsonNode refused = endpoints.get(0);
        assertEquals("127.0.0.1", refused.get("address").asText());
        assertEquals("not-scanned", refused.get("reachability").asText());
        assertEquals("plan", refused.get("error").get("phase").asText());
        assertEquals("not-scanned", refused.get("error").get("kind").asText());
        assertTrue(refused.get("error").get("message").asText().contains("--allow-private-mx"), refused.toString());
        assertEquals(List.of("MX_ADDRESS_NOT_PUBLIC"), findingIds(refused));
        assertTrue(refused.get("smtp").isNull());
        assertEquals(accepted, smtp.accepted(), "no connection was made to the MX host");
    }

    @Test
    void theProfileBoundsTheMxHostsOfADomain() throws Exception {
        Path profile = dir.resolve("one-mx.yaml");
        Files.writeString(profile, "extends: quick\nfan_out:\n  max_mx_hosts: 1\n");
        Path json = dir.resolve("capped.json");
        CliRun r = CliRun.of("scan", "--dns-server", dns.address(), "--ca-file", caFile.toString(), "--allow-private-mx",
                "--profile", profile.toString(), "--no-history", "-q", "--json", json.toString(), "--mx", "three.test:" + smtp.port());
        assertEquals(0, r.exit(), r.toString());
        JsonNode endpoints = validReport(json).get("endpoints");
        assertEquals(1, endpoints.size(), endpoints.toString());
        JsonNode first = endpoints.get(0);
        assertEquals("mx.example.test", first.get("host").asText());
        assertEquals(3, first.get("fan_out").get("mx_hosts").get("found").asInt());
        assertEquals(1, first.get("fan_out").get("mx_hosts").get("scanned").asInt());
        assertTrue(findingIds(first).contains("MX_HOSTS_CAPPED"), findingIds(first)::toString);
        assertFalse(dns.questions().contains("b.three.test A"), "a host beyond the limit is not even resolved");
        io.smtpscope.result.ScanReport back = Json.mapper().readValue(json.toFile(), io.smtpscope.result.ScanReport.class);
        assertEquals(new io.smtpscope.target.FanOut.Capped(3, 1), back.endpoints().get(0).fanOut().mxHosts(),
                "the fact reads back, so that judge can re-judge it");
    }

    @Test
    void helpDocumentsMailDomains() {
        CliRun r = CliRun.of("scan", "--help");
        assertTrue(r.out().contains("--mx=DOMAIN[:PORT]") && r.out().contains("--dns-server=IP[:PORT]"), r.out());
        assertTrue(r.out().contains("on port 25 only unless DOMAIN:PORT"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
    }

    @Test
    void aBadDnsServerIsAUsageError() {
        CliRun r = CliRun.of("scan", "--dns-server", "dns.example", "--mx", "example.test");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("'dns.example' is not an IP address"), r.err());
    }

    @Test
    void aBadTrustAnchorIsAPlainErrorBeforeAnyConnection() throws Exception {
        Path missing = dir.resolve("no-such-anchor.ds");
        CliRun r = scan(dir.resolve("anchor1.json"), "--mx", "example.test:" + smtp.port(), "--trust-anchor", missing.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--trust-anchor") && r.err().contains("no such file"), r.err());
        Path garbage = Files.writeString(dir.resolve("garbage.ds"), "this is not a zone file\n");
        CliRun g = scan(dir.resolve("anchor2.json"), "--mx", "example.test:" + smtp.port(), "--trust-anchor", garbage.toString());
        assertEquals(2, g.exit(), g.toString());
        assertFalse(g.err().contains("Exception") || g.err().contains("\tat "), "no stack trace: " + g.err());
    }

    @Test
    void aDnsServerWithoutDnssecGivesUnknownStatesNotBogus() throws Exception {
        Path json = dir.resolve("domains.json");
        CliRun r = scan(json, "--mx", "example.test:" + smtp.port());
        JsonNode domains = validReport(json).get("domains");
        assertEquals(1, domains.size(), r::toString);
        assertEquals("unknown", domains.get(0).get("dnssec").get("mx").asText());
        assertEquals(List.of("DNSSEC_NOT_CHECKED"), findingIds(domains.get(0)));
    }
}
