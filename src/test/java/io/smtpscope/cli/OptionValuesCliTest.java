package io.smtpscope.cli;

import io.smtpscope.report.Json;
import io.smtpscope.report.JsonlWriter;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Synthetic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static io.smtpscope.result.Synthetic.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Option values are checked while the command line is parsed: one line naming the option, exit 2, and nothing
 * resolved or scanned. Saved JSONL streams are read like JSON reports by every command that reads reports.
 */
class OptionValuesCliTest {
    @TempDir
    Path dir;

    private static String firstLine(CliRun run) {
        return run.err().lines().findFirst().orElse("");
    }

    private static void assertUsageError(CliRun run, String expectedFirstLine) {
        assertEquals(ExitCodes.USAGE, run.exit(), run::toString);
        assertEquals(expectedFirstLine, firstLine(run), run::toString);
        assertEquals("", run.out(), "nothing scanned, nothing printed: " + run);
    }

    @Test
    void aBadEhloNameIsRefusedForScanLoginAndSendTest() {
        assertUsageError(CliRun.of("scan", "--ehlo-name", "mail example", "--no-history", "mx.example.test"),
                "smtpscope: --ehlo-name: 'mail example' is not a host name or address");
        assertUsageError(CliRun.of("scan", "--ehlo-name", "a\r\nMAIL FROM:<x>", "--no-history", "mx.example.test"),
                "smtpscope: --ehlo-name: 'a\\x0d\\x0aMAIL FROM:<x>' is not a host name or address");
        assertUsageError(CliRun.of("login", "--ehlo-name", "bad_name!", "--user", "u", "mx.example.test"),
                "smtpscope: --ehlo-name: 'bad_name!' is not a host name or address");
        assertUsageError(CliRun.of("send-test", "--ehlo-name", "x y", "--from", "a@example.test", "--to", "b@example.test",
                "--dry-run", "mx.example.test"), "smtpscope: --ehlo-name: 'x y' is not a host name or address");
    }

    @Test
    void aProfileWithABadEhloNameIsAUsageErrorBeforeScanning() throws Exception {
        Path profile = Files.writeString(dir.resolve("relay.yaml"), "extends: default\nehlo_name: \"relay host\"\n");
        assertUsageError(CliRun.of("scan", "--profile", profile.toString(), "--no-history", "mx.example.test"),
                "smtpscope: --profile: " + profile + ":2: ehlo_name: 'relay host' is not a host name or address");
    }

    @Test
    void rejectedValuesNameTheirOption() {
        assertUsageError(CliRun.of("scan", "--fail-on", "critical", "--no-history", "mx.example.test"),
                "smtpscope: --fail-on: unknown severity 'critical' (expected info, warn, fail or never)");
        assertUsageError(CliRun.of("scan", "--mode", "tunnel", "--no-history", "mx.example.test"),
                "smtpscope: --mode: unknown mode 'tunnel' (expected one of starttls, implicit-tls, plain)");
        assertUsageError(CliRun.of("scan", "--profile", "no-such-profile", "--no-history", "mx.example.test"),
                "smtpscope: --profile: no bundled profile named 'no-such-profile' (bundled: default, quick, full, submission, "
                        + "health, strict; or give a path to a .yaml file)");
        assertUsageError(CliRun.of("judge", "--fail-on", "loud", "report.json"),
                "smtpscope: --fail-on: unknown severity 'loud' (expected info, warn, fail or never)");
        assertUsageError(CliRun.of("findings", "--profile", "nope"),
                "smtpscope: --profile: no bundled profile named 'nope' (bundled: default, quick, full, submission, "
                        + "health, strict; or give a path to a .yaml file)");
        CliRun mech = CliRun.of("login", "--mech", "GSSAPI", "--user", "u", "mx.example.test");
        assertEquals(ExitCodes.USAGE, mech.exit(), mech::toString);
        assertTrue(firstLine(mech).startsWith("smtpscope: --mech: "), mech::toString);
    }

    private Path jsonl(String name, List<EndpointResult> endpoints, String... extraLines) throws Exception {
        List<String> lines = new java.util.ArrayList<>(endpoints.stream().map(JsonlWriter::line).toList());
        lines.addAll(List.of(extraLines));
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void judgeAndDiffReadJsonlStreamsAndSaySkippedLines() throws Exception {
        EndpointResult legacy = endpoint("mx.a.test", 25).healthy().tls("TLSv1.1")
                .certificate(Synthetic.trusted("mx.a.test", 60, leaf("mx.a.test", "CA"))).build();
        Path old = jsonl("old.jsonl", List.of(legacy), "{\"port\": 25, \"reachab");
        Path judged = dir.resolve("judged.json");

        CliRun judge = CliRun.of("judge", old.toString(), "--profile", "strict", "--json", judged.toString(), "-q");
        assertEquals(ExitCodes.FINDINGS, judge.exit(), judge::toString);
        assertTrue(judge.err().startsWith("smtpscope: skipped old.jsonl:2: unreadable line ("), judge::toString);
        ScanReport report = Json.mapper().readValue(judged.toFile(), ScanReport.class);
        assertEquals("strict", report.profile());
        assertFalse(report.complete(), "a stream with an unreadable line is not known to be complete");
        assertTrue(report.endpoints().get(0).findings().stream().anyMatch(f -> f.id().equals("TLS_LEGACY_PROTOCOL")));

        Path current = jsonl("new.jsonl", List.of(endpoint("mx.a.test", 25).healthy().tls("TLSv1.3")
                .certificate(Synthetic.trusted("mx.a.test", 60, leaf("mx.a.test", "CA"))).build()));
        CliRun diff = CliRun.of("diff", old.toString(), current.toString());
        assertEquals(ExitCodes.FINDINGS, diff.exit(), diff::toString);
        assertTrue(diff.out().contains("TLSv1.1") && diff.out().contains("TLSv1.3"), diff::toString);
        assertTrue(diff.err().contains("smtpscope: skipped old.jsonl:2: "), diff::toString);
    }

    @Test
    void aReportWithAnotherSchemaIsRefusedByEveryReader() throws Exception {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\": \"smtpscope/report/v2\", \"endpoints\": []}");
        String expected = "smtpscope: " + other + " is not a smtpscope report (expected \"schema\": \"smtpscope/report/v1\", "
                + "found \"smtpscope/report/v2\")";
        assertUsageError(CliRun.of("judge", other.toString()), expected);
        assertUsageError(CliRun.of("diff", other.toString(), other.toString()), expected);
        assertUsageError(CliRun.of("report", "--from", other.toString(), "--csv", dir.resolve("x.csv").toString()), expected);
    }
}
