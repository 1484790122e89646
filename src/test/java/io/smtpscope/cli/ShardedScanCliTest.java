package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.dns.LoopbackDnsServer;
import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.report.Json;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sharded scan end to end, in-process, against loopback only: the real Postfix on 127.0.0.2 (RealServices) and
 * scripted servers on 127.0.0.3 to 127.0.0.8, all on one port, named by a DNS server on 127.0.0.1 (--dns-server):
 * two mail domains sharing an MX address, a domain with two MX hosts, a failing and a null-MX domain, two names of
 * one address, a name that does not resolve, a host with no open port (a diagnosis) and a bad target line. The four shards' JSONL files, merged by
 * {@code report --from}, give the report one unsharded scan gives (timings and timestamps aside); a missing or
 * cut-short shard makes the merge incomplete and says which.
 */
class ShardedScanCliTest {
    private static final int SHARDS = 4;

    @TempDir
    static Path dir;

    private static final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private static LoopbackDnsServer dns;
    private static Path targets;
    private static Path trust;
    private static Path shardDir;
    private static Path whole;

    @BeforeEach
    void services() throws Exception {
        PostfixFixture postfix = RealServices.postfix();
        start(postfix);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ScriptedSmtpServer s : servers) {
            s.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    /** Servers, DNS and the two scans, once for the class (lazily: only after RealServices found Postfix). */
    private static synchronized void start(PostfixFixture postfix) throws Exception {
        if (whole != null) {
            return;
        }
        TlsContexts.init();
        DemoPki pki = new DemoPki("Shard Test CA");
        List<String> names = List.of("mx1.alpha.test", "mx2.alpha.test", "mx.beta.test", "mx.shared.test", "web.test",
                "alias.test", "solo.test");
        DemoPki.KeyMaterial key = pki.issue(names, Duration.ofDays(60));
        int port = startServers(ServerScript.wellBehaved("mx.test", DemoPki.serverContext(key), false));
        String postfixName = postfix.get("name");
        dns = new LoopbackDnsServer()
                .mx("alpha.test", 10, "mx1.alpha.test").mx("alpha.test", 20, "mx2.alpha.test")
                .a("mx1.alpha.test", "127.0.0.3").a("mx2.alpha.test", "127.0.0.4")
                .mx("beta.test", 10, "mx.beta.test").a("mx.beta.test", "127.0.0.5")
                .mx("shared.test", 10, "mx.shared.test").a("mx.shared.test", "127.0.0.5")
                .servfail("gamma.test").mx("delta.test", 0, ".")
                .a("web.test", "127.0.0.6").a("alias.test", "127.0.0.6").a("solo.test", "127.0.0.7")
                .a("dead.test", "127.0.0.9")
                .a(postfixName, postfix.get("host"));
        Path ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        trust = dir.resolve("trust.pem");
        Files.writeString(trust, Files.readString(ca) + Files.readString(postfix.path("ca_file")));
        String host = postfix.get("host");
        targets = dir.resolve("targets.txt");
        Files.writeString(targets, String.join("\n",
                "mx:alpha.test:" + port, "mx:beta.test:" + port, "mx:shared.test:" + port, "mx:gamma.test:" + port,
                "mx:delta.test", "web.test:" + port, "alias.test:" + port, "solo.test:" + port, "nowhere.test:" + port,
                "dead.test:" + port, "dead.test:" + (port + 1),
                "127.0.0.8:" + port, postfixName + ":" + postfix.get("smtp_port"), host + ":" + postfix.get("smtps_port"),
                host + ":" + postfix.get("submission_port"), "not a target", ""), StandardCharsets.UTF_8);
        Path wholeJson = dir.resolve("whole.json");
        CliRun one = CliRun.of(scan("--json", wholeJson.toString()));
        assertTrue(one.exit() == 0 || one.exit() == 1, one.toString());
        shardDir = Files.createDirectories(dir.resolve("shards"));
        for (int i = 0; i < SHARDS; i++) {
            CliRun shard = CliRun.of(scan("--shard", i + "/" + SHARDS, "--jsonl", shardDir.resolve("shard-" + i + ".jsonl").toString()));
            assertTrue(shard.exit() == 0 || shard.exit() == 1, shard.toString());
        }
        whole = wholeJson;
    }

    static List<String> scan(String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "-i", targets.toString(), "--dns-server", dns.address(),
                "--ca-file", trust.toString(), "--allow-private-mx", "--profile", "quick", "--no-history", "-q"));
        args.addAll(List.of(more));
        return args;
    }

    /** Six scripted servers on 127.0.0.3-8, one port (MX hosts of one domain share a port); retried if it is taken. */
    private static int startServers(ServerScript script) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            List<ScriptedSmtpServer> started = new ArrayList<>();
            try {
                started.add(new ScriptedSmtpServer(InetAddress.getByName("127.0.0.3"), 0, script));
                int port = started.getFirst().port();
                for (int last = 4; last <= 8; last++) {
                    started.add(new ScriptedSmtpServer(InetAddress.getByName("127.0.0." + last), port, script));
                }
                servers.addAll(started);
                return port;
            } catch (BindException e) {
                for (ScriptedSmtpServer s : started) {
                    s.close();
                }
            }
        }
        throw new IllegalStateException("no port free on 127.0.0.3-8 after 10 attempts");
    }

    @Test
    void fourShardsMergedAreTheUnshardedReport() throws Exception {
        Path merged = dir.resolve("merged.json");
        CliRun r = CliRun.of("report", "--from", shardDir.toString(), "--json", merged.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode one = Json.mapper().readTree(whole.toFile());
        JsonNode all = validReport(merged);
        assertTrue(all.get("complete").asBoolean(), all.get("input_errors").toString());
        assertFalse(all.has("shard"), "a merged report is no shard");
        assertTrue(one.get("endpoints").size() >= 16, one.get("endpoints").toString());
        // Conclusions across endpoints come from the merge itself: a JSONL stream carries none.
        assertTrue(one.get("diagnosis").toString().contains("NO_MAIL_PORT_REACHABLE"), one.get("diagnosis").toString());
        assertEquals(List.of(), differences("", comparable(one), comparable(all)));
        assertTrue(one.get("input_errors").toString().contains("not a target"), "the bad line is carried over");
        assertTrue(all.get("domains").size() >= 4, "each domain judged by its shard, carried by its end line: " + all.get("domains"));
    }

    @Test
    void everyAddressAndDomainIsInOneShardAndShardsShareTheWork() throws Exception {
        Map<String, Set<Integer>> where = new HashMap<>();
        int nonEmpty = 0;
        for (int i = 0; i < SHARDS; i++) {
            List<String> lines = Files.readAllLines(shardDir.resolve("shard-" + i + ".jsonl"));
            JsonNode startLine = Json.mapper().readTree(lines.getFirst());
            assertEquals("start", startLine.get("shard_line").asText());
            assertEquals(i, startLine.get("shard").get("index").asInt());
            assertEquals(SHARDS, startLine.get("shard").get("count").asInt());
            JsonNode endLine = Json.mapper().readTree(lines.getLast());
            assertEquals("end", endLine.get("shard_line").asText());
            assertEquals(lines.size() - 2, endLine.get("endpoint_count").asInt());
            nonEmpty += lines.size() > 2 ? 1 : 0;
            for (String line : lines.subList(1, lines.size() - 1)) {
                JsonNode e = Json.mapper().readTree(line);
                int shard = i;
                if (!e.get("address").isNull()) {
                    where.computeIfAbsent("address " + e.get("address").asText(), k -> new HashSet<>()).add(shard);
                }
                if (!e.get("mx").isNull()) {
                    where.computeIfAbsent("domain " + e.get("mx").get("domain").asText(), k -> new HashSet<>()).add(shard);
                }
            }
        }
        where.forEach((key, shards) -> assertEquals(1, shards.size(), key + " in shards " + shards));
        assertTrue(where.keySet().containsAll(Set.of("domain alpha.test", "domain gamma.test", "address 127.0.0.2",
                "address 127.0.0.6")), where.toString());
        assertTrue(nonEmpty >= 2, "the hash spreads these 9 groups over more than one shard: " + where);
    }

    @Test
    void aMissingShardMakesTheMergeIncompleteAndNamesIt() throws Exception {
        Path partial = Files.createDirectories(dir.resolve("missing"));
        for (int i = 0; i < SHARDS; i++) {
            if (i != 2) {
                Files.copy(shardDir.resolve("shard-" + i + ".jsonl"), partial.resolve("shard-" + i + ".jsonl"));
            }
        }
        Path merged = dir.resolve("missing.json");
        CliRun r = CliRun.of("report", "--from", partial.toString(), "--json", merged.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode report = validReport(merged);
        assertFalse(report.get("complete").asBoolean());
        String note = "1 of 4 shard(s) missing: 2/4";
        assertTrue(report.get("input_errors").toString().contains(note), report.get("input_errors").toString());
        assertTrue(r.err().contains("warning: " + note), r.err());
    }

    @Test
    void aShardCutShortMakesTheMergeIncompleteAndNamesIt() throws Exception {
        int biggest = biggestShard();
        List<String> lines = Files.readAllLines(shardDir.resolve("shard-" + biggest + ".jsonl"));
        Path cut = Files.createDirectories(dir.resolve("cut"));
        for (int i = 0; i < SHARDS; i++) {
            if (i != biggest) {
                Files.copy(shardDir.resolve("shard-" + i + ".jsonl"), cut.resolve("shard-" + i + ".jsonl"));
            }
        }
        // Killed mid-write: the last endpoint line half written, no end line.
        String last = lines.get(lines.size() - 2);
        List<String> kept = new ArrayList<>(lines.subList(0, lines.size() - 2));
        kept.add(last.substring(0, last.length() / 2));
        Path file = cut.resolve("shard-" + biggest + ".jsonl");
        Files.write(file, kept);
        Path merged = dir.resolve("cut.json");
        CliRun r = CliRun.of("report", "--from", cut.toString(), "--json", merged.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode report = validReport(merged);
        assertFalse(report.get("complete").asBoolean());
        String errors = report.get("input_errors").toString();
        assertTrue(errors.contains("shard " + biggest + "/4 was cut short: no end line"), errors);
        assertTrue(errors.contains("shard-" + biggest + ".jsonl:" + kept.size() + ": unreadable line"), errors);
        assertTrue(r.err().contains("is incomplete"), r.err());
        assertEquals(Json.mapper().readTree(whole.toFile()).get("endpoints").size() - 1, report.get("endpoints").size());

        // Cut between two lines: every line whole, only the end line is missing.
        Files.write(file, lines.subList(0, lines.size() - 1));
        r = CliRun.of("report", "--from", cut.toString(), "--json", merged.toString());
        assertEquals(0, r.exit(), r.toString());
        report = validReport(merged);
        assertFalse(report.get("complete").asBoolean());
        assertTrue(report.get("input_errors").toString().contains("shard " + biggest + "/4 was cut short"), report.toString());
    }

    @Test
    void oneShardOnItsOwnIsIncompleteAndShardsOfDifferentScansAreRefused() throws Exception {
        Path merged = dir.resolve("alone.json");
        CliRun r = CliRun.of("report", "--from", shardDir.resolve("shard-0.jsonl").toString(), "--json", merged.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("3 of 4 shard(s) missing: 1/4, 2/4, 3/4"), r.err());

        Path other = dir.resolve("other-scan.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(shardDir.resolve("shard-1.jsonl")));
        lines.replaceAll(l -> l.replace("\"shard\":{\"index\":1,\"count\":4}", "\"shard\":{\"index\":1,\"count\":3}"));
        Files.write(other, lines);
        r = CliRun.of("report", "--from", shardDir.resolve("shard-0.jsonl").toString(), other.toString(), "--json", merged.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("different sharded scans: shard counts 4 in"), r.err());
    }

    /** A shard's --json report says which shard it is, and passes the schema. */
    @Test
    void aShardsJsonReportCarriesItsShard() throws Exception {
        Path json = dir.resolve("shard-3.json");
        CliRun r = CliRun.of(scan("--shard", "3/4", "--json", json.toString()));
        assertTrue(r.exit() == 0 || r.exit() == 1, r.toString());
        JsonNode report = validReport(json);
        assertEquals(3, report.get("shard").get("index").asInt());
        assertEquals(4, report.get("shard").get("count").asInt());
        assertEquals(Files.readAllLines(shardDir.resolve("shard-3.jsonl")).size() - 2, report.get("endpoints").size());
    }

    private static int biggestShard() throws IOException {
        int biggest = 0;
        long most = -1;
        for (int i = 0; i < SHARDS; i++) {
            long size = Files.readAllLines(shardDir.resolve("shard-" + i + ".jsonl")).size();
            if (size > most) {
                most = size;
                biggest = i;
            }
        }
        return biggest;
    }

    /** The report without what differs between two runs of one scan: timings, timestamps, and endpoint order. */
    static JsonNode comparable(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove(List.of("started_at", "finished_at"));
        List<JsonNode> endpoints = new ArrayList<>();
        for (JsonNode e : copy.get("endpoints")) {
            ObjectNode endpoint = (ObjectNode) e.deepCopy();
            endpoint.remove("timings_ms");
            ArrayNode transcript = endpoint.putArray("transcript");
            e.get("transcript").forEach(line -> transcript.add(line.asText().replaceAll("^\\* done in [0-9]+ ms", "* done in N ms")));
            endpoints.add(endpoint);
        }
        endpoints.sort(Comparator.comparing(e -> e.get("host").asText() + "|" + e.get("address").asText() + "|"
                + e.get("port").asText() + "|" + e.get("mode").asText()));
        ArrayNode sorted = copy.putArray("endpoints");
        endpoints.forEach(sorted::add);
        List<JsonNode> diagnosis = new ArrayList<>();
        copy.get("diagnosis").forEach(diagnosis::add);
        diagnosis.sort(Comparator.comparing(JsonNode::toString));
        ArrayNode diagnosed = copy.putArray("diagnosis");
        diagnosis.forEach(diagnosed::add);
        if (copy.has("domains")) {
            List<JsonNode> domains = new ArrayList<>();
            copy.get("domains").forEach(domains::add);
            domains.sort(Comparator.comparing(d -> d.get("domain").asText()));
            ArrayNode sortedDomains = copy.putArray("domains");
            domains.forEach(sortedDomains::add);
        }
        return copy;
    }

    /** Where two JSON trees differ, as paths with both values: a readable failure instead of two whole reports. */
    static List<String> differences(String path, JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        if (a.isObject() && b.isObject()) {
            Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null || y == null) {
                    out.add(path + "/" + name + ": " + x + " vs " + y);
                } else {
                    out.addAll(differences(path + "/" + name, x, y));
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                out.addAll(differences(path + "/" + i, a.get(i), b.get(i)));
            }
        } else if (!a.equals(b)) {
            String x = a.toString();
            String y = b.toString();
            out.add(path + ": " + x.substring(0, Math.min(400, x.length())) + " vs " + y.substring(0, Math.min(400, y.length())));
        }
        return out;
    }

    private static JsonNode validReport(Path file) throws Exception {
        JsonSchema schema;
        try (InputStream in = ShardedScanCliTest.class.getResourceAsStream("/io/smtpscope/report/report-v1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonNode report = Json.mapper().readTree(file.toFile());
        Set<ValidationMessage> errors = schema.validate(report);
        assertTrue(errors.isEmpty(), () -> "schema violations: " + errors);
        return report;
    }

    static long count(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).count();
    }
}
