package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.demo.DemoEnvironment;
import io.smtpscope.report.Json;
import io.smtpscope.target.TargetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line in-process, as {@code java -jar} runs it, against the demo's loopback servers
 * (names under .test pinned with --resolve; the demo CA passed with --ca-file).
 */
class CliTest {
    private static DemoEnvironment demo;
    private static Path caFile;
    private static List<String> resolveArgs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDemoServers(@TempDir Path shared) throws Exception {
        demo = DemoEnvironment.start();
        caFile = shared.resolve("demo-ca.pem");
        demo.pki().writeCaPem(caFile);
        resolveArgs = new ArrayList<>();
        for (String name : List.of("mail.good.test", "smtp.good.test", "mail.careless.test", "mail.firewalled.test", "mail.closed.test")) {
            resolveArgs.add("--resolve");
            resolveArgs.add(name + ":127.0.0.1");
        }
    }

    @AfterAll
    static void stopDemoServers() {
        demo.close();
    }

    /** The target as the demo wrote it, e.g. mail.good.test:41234/starttls. */
    private static String target(String host) {
        return demo.targets().stream().filter(t -> t.host().equals(host)).map(TargetSpec::given).findFirst().orElseThrow();
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run scan(String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "--ca-file", caFile.toString()));
        all.addAll(resolveArgs);
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static void assertNoStackTrace(Run r) {
        String both = r.out() + r.err();
        assertFalse(both.contains("\tat ") || both.contains("Exception"), "no stack trace or exception name: " + both);
    }

    private static List<String> findingIds(JsonNode endpoint) {
        return StreamSupport.stream(endpoint.get("findings").spliterator(), false).map(f -> f.get("id").asText()).toList();
    }

    /** Findings above info: the informational ones (e.g. AUTH_PLAINTEXT_ONLY inside TLS) do not make a server unclean. */
    private static List<String> problemIds(JsonNode endpoint) {
        return StreamSupport.stream(endpoint.get("findings").spliterator(), false)
                .filter(f -> !f.get("severity").asText().equals("info")).map(f -> f.get("id").asText()).toList();
    }

    // ---- help, version, usage errors ----

    @ParameterizedTest
    @ValueSource(strings = {"--help", "scan --help", "demo --help", "help scan", "-h"})
    void helpOnEveryCommandExitsZero(String args) {
        Run r = run(args.split(" "));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage:"), r.out());
        assertTrue(r.out().contains("Exit status") || args.contains("demo"), "exit codes documented: " + r.out());
        assertEquals("", r.err());
    }

    @Test
    void scanHelpDocumentsTargetsModesAndExitCodes() {
        String help = run("scan", "--help").out();
        for (String s : List.of("--resolve", "--ca-file", "--json", "--fail-on", "-i", "[IPv6]", "implicit-tls", "465",
                "1  at least one finding or diagnosis reached --fail-on", "NO_MAIL_PORT_REACHABLE")) {
            assertTrue(help.contains(s), "help mentions " + s);
        }
        assertTrue(run("demo", "--help").out().contains("reports/demo.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "scan --version", "demo --version", "-V"})
    void versionExitsZero(String args) {
        Run r = run(args.split(" "));
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("smtpscope "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "scan --bogus mail.good.test", "scan --concurrency many mail.good.test", "frobnicate"})
    void unknownOptionIsAUsageErrorWithOneClearLine(String args) {
        Run r = run(args.split(" "));
        assertEquals(2, r.exit());
        String[] lines = r.err().strip().split("\n");
        assertTrue(lines[0].startsWith("smtpscope: "), r.err());
        // A suggestion ("Did you mean", "Possible solutions") may sit between the error and the pointer to --help.
        List<String> rest = java.util.Arrays.asList(lines).subList(1, lines.length).stream()
                .filter(l -> !l.startsWith("Did you mean") && !l.startsWith("Possible solutions")).toList();
        assertTrue(rest.size() <= 1 && (rest.isEmpty() || rest.get(0).startsWith("Try '")), r.err());
        assertNoStackTrace(r);
        assertEquals("", r.out());
    }

    @Test
    void scanWithoutTargetsIsAUsageError() {
        Run r = run("scan");
        assertEquals(2, r.exit());
        assertEquals("smtpscope: no targets: give hosts as arguments or with -i FILE", r.err().strip());
    }

    @Test
    void badInputsAreUsageErrors() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"scan", "-i", dir.resolve("missing.txt").toString()},
                new String[] {"scan", "--resolve", "mail.good.test", "mail.good.test"},
                new String[] {"scan", "--ca-file", dir.resolve("missing.pem").toString(), "mail.good.test"},
                new String[] {"scan", "--mode", "tunnel", "mail.good.test"},
                new String[] {"scan", "--profile", "no-such-profile", "mail.good.test"},
                new String[] {"scan", "--fail-on", "critical", "--resolve", "mail.good.test:127.0.0.1", target("mail.closed.test")},
                new String[] {"scan", "--concurrency", "0", "mail.good.test"},
                new String[] {"scan", "--ca-only", "mail.good.test"},
                new String[] {"scan", "--ehlo-name", "two words", "mail.good.test"},
                new String[] {"login", "--ehlo-name", "two words", "mail.good.test:587"},
                new String[] {"scan", "bad host!"});
        for (String[] args : cases) {
            Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("smtpscope: "), r.err());
            assertNoStackTrace(r);
        }
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
        Run r = run("scan", "--ca-file", notPem.toString(), "mail.good.test");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("holds no PEM certificate") || r.err().contains("not valid PEM"), r.err());
    }

    // ---- scanning the demo servers ----

    @Test
    void goodServerScansCleanWithTheDemoCaAndExitsZero() throws Exception {
        Run r = scan("--json", "-", target("mail.good.test"));
        assertEquals(0, r.exit(), r.err());
        JsonNode report = r.json();
        assertEquals("smtpscope/report/v1", report.get("schema").asText());
        JsonNode e = report.get("endpoints").get(0);
        assertEquals("open", e.get("reachability").asText());
        assertEquals("mail.good.test", e.get("host").asText());
        assertEquals("127.0.0.1", e.get("address").asText());
        assertTrue(e.get("certificate").get("trusted").asBoolean(), e.get("certificate").toString());
        assertTrue(e.get("certificate").get("name_matches").asBoolean());
        assertEquals("mail.good.test", e.get("certificate").get("name_checked").asText());
        assertEquals(List.of(), problemIds(e));
    }

    @Test
    void withoutTheCaFileTheDemoCertificateIsUntrusted() throws Exception {
        Run r = run("scan", "--resolve", "mail.good.test:127.0.0.1", "--json", "-", target("mail.good.test"));
        assertEquals(1, r.exit(), r.err());
        assertEquals(List.of("CERT_UNTRUSTED"), problemIds(r.json().get("endpoints").get(0)));
    }

    @Test
    void jsonToStdoutIsValidJsonAndNothingElse() throws Exception {
        Run r = scan("--json", "-", target("mail.good.test"), target("smtp.good.test"));
        JsonNode report = r.json();
        assertEquals(2, report.get("endpoints").size());
        assertTrue(r.out().strip().startsWith("{") && r.out().strip().endsWith("}"));
        assertFalse(r.out().contains("endpoint(s):"), "no human summary when the report goes to stdout");
    }

    @Test
    void jsonToFileAndSummaryOnStdout() throws Exception {
        Path report = dir.resolve("out/report.json");
        Files.createDirectories(report.getParent()); // report folders are not created for the user
        Run r = scan("--brief", "--json", report.toString(), target("mail.good.test"), target("mail.closed.test"));
        assertEquals(1, r.exit(), "mail.closed.test has no reachable mail port: " + r.out());
        JsonNode json = Json.mapper().readTree(report.toFile());
        assertEquals(2, json.get("endpoints").size());
        List<String> all = r.out().strip().lines().toList();
        assertTrue(all.get(0).startsWith("earliest certificate expiry: mail.good.test:"), "expiry first: " + r.out());
        List<String> lines = all.subList(1, all.size());
        assertEquals(4, lines.size(), "the earliest expiry, one line per endpoint, the diagnosis and a total: " + r.out());
        assertTrue(lines.get(0).startsWith("mail.good.test:") && lines.get(0).contains("open"), lines.get(0));
        assertTrue(lines.get(1).contains("refused") && lines.get(1).contains("PORT_REFUSED"), lines.get(1));
        assertTrue(lines.get(2).contains("NO_MAIL_PORT_REACHABLE"), lines.get(2));

        Run quiet = scan("-q", "--json", report.toString(), target("mail.closed.test"));
        assertEquals("", quiet.out());
    }

    @Test
    void exitCodeFollowsFailOn() throws Exception {
        Run careless = scan("--json", "-", target("mail.careless.test"));
        assertEquals(1, careless.exit(), "expired certificate and AUTH before TLS are fail findings");
        List<String> ids = findingIds(careless.json().get("endpoints").get(0));
        assertTrue(ids.containsAll(List.of("AUTH_BEFORE_TLS", "CERT_EXPIRED", "CERT_NAME_MISMATCH")), ids.toString());

        String closed = target("mail.closed.test");
        // The refused port alone is a warning, but it is the host's only mail port: the host is down for mail.
        assertEquals(1, scan("-q", closed).exit(), "a host with no reachable mail port fails by default");
        assertEquals(1, scan("-q", "--fail-on", "warn", closed).exit());
        assertEquals(1, scan("-q", "--fail-on", "fail", closed).exit());
        Run good = scan("-q", target("mail.good.test"));
        assertEquals(0, good.exit(), good.out());
    }

    @Test
    void strippedStartTlsIsReported() throws Exception {
        Run r = scan("--json", "-", target("mail.firewalled.test"));
        assertEquals(1, r.exit());
        JsonNode e = r.json().get("endpoints").get(0);
        assertTrue(findingIds(e).contains("STARTTLS_STRIPPED"), findingIds(e).toString());
        assertTrue(e.get("smtp").get("starttls").get("stripped").asBoolean());
    }

    @Test
    void targetFileWithABadLineReportsItsNumberAndScansTheOthers() throws Exception {
        Path list = Files.writeString(dir.resolve("hosts.txt"), String.join("\n",
                "# demo servers", target("mail.good.test"), "not a host!", "", target("smtp.good.test") + "  # implicit",
                target("mail.good.test"), "mail.good.test:70000") + "\n");
        Run r = scan("-i", list.toString(), "--json", "-");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("smtpscope: skipped " + list + ":3: "), r.err());
        assertTrue(r.err().contains(list + ":7: "), r.err());
        JsonNode report = r.json();
        assertEquals(2, report.get("endpoints").size(), "duplicate removed, bad lines skipped");
        assertEquals(2, report.get("input_errors").size());
        assertTrue(report.get("input_errors").get(0).asText().startsWith(list + ":3:"));
    }

    @Test
    void fileWithOnlyBadLinesIsAUsageError() throws Exception {
        Path list = Files.writeString(dir.resolve("bad.txt"), "bad host\n:25\n");
        Run r = run("scan", "-i", list.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(list + ":1:") && r.err().contains(list + ":2:"), r.err());
        assertTrue(r.err().strip().endsWith("no valid targets (2 input error(s))"), r.err());
    }

    @Test
    void targetsFromStdin() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream((target("mail.good.test") + "\n# comment\n!!\n").getBytes(StandardCharsets.UTF_8)));
            Run r = scan("-i", "-", "--json", "-");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("skipped stdin:3: "), r.err());
            assertEquals(1, r.json().get("endpoints").size());
            assertEquals(target("mail.good.test"), r.json().get("endpoints").get(0).get("target").asText());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void demoWritesItsReportWhereAsked() throws Exception {
        Path report = dir.resolve("reports/demo.json");
        Files.createDirectories(report.getParent()); // a folder the user names must exist
        Run r = run("demo", "--json", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("report written to " + report), r.out());
        JsonNode json = Json.mapper().readTree(report.toFile());
        assertEquals(6, json.get("endpoints").size());
        List<String> reach = StreamSupport.stream(json.get("endpoints").spliterator(), false)
                .map(e -> e.get("reachability").asText()).toList();
        assertEquals(5, reach.stream().filter("open"::equals).count(), reach.toString());
        assertTrue(reach.contains("refused"));
        // the mail domain, from the demo's own signed zone: DNSSEC secure, DANE-EE matching the MX's key
        JsonNode domain = json.get("domains").get(0);
        assertEquals("good.test", domain.get("domain").asText());
        assertEquals("secure", domain.get("dnssec").get("mx").asText(), domain.toString());
        assertTrue(domain.get("verdict").asText().contains("downgrade protection: DANE valid (DNSSEC)"), domain.toString());
        assertTrue(domain.get("verdict").asText().contains("reporting: TLS-RPT to mailto:tlsrpt@good.test"), domain.toString());
        JsonNode mx = StreamSupport.stream(json.get("endpoints").spliterator(), false)
                .filter(e -> e.get("host").asText().equals("mx.good.test")).findFirst().orElseThrow();
        assertEquals("authenticated", mx.get("dane").get("outcome").asText(), mx.toString());
        assertFalse(Files.exists(Path.of("reports/demo.json.tmp")));
    }

    @Test
    void demoToStdoutPrintsOnlyJson() throws Exception {
        Run r = run("demo", "--json", "-");
        assertEquals(0, r.exit());
        assertEquals(6, r.json().get("endpoints").size());
        assertFalse(r.out().contains("report written"));
    }
}
