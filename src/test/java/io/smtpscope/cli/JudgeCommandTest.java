package io.smtpscope.cli;

import io.smtpscope.report.Json;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Synthetic;
import io.smtpscope.result.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.smtpscope.result.Synthetic.endpoint;
import static io.smtpscope.result.Synthetic.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-judging a saved report: the observations stay, findings, diagnosis and exit status follow the profile. */
class JudgeCommandTest {
    @TempDir
    Path dir;

    /** Saved under the default profile: a certificate 15 days from expiry (warn) and TLS 1.1 (warn). */
    private Path savedReport() throws Exception {
        EndpointResult e = endpoint("mx.a.test", 25).healthy().tls("TLSv1.1")
                .certificate(Synthetic.trusted("mx.a.test", 15, leaf("mx.a.test", "CA"))).build();
        EndpointResult blocked = endpoint("mx.a.test", 587).address("192.0.2.10").healthy().build();
        EndpointResult timedOut = endpoint("mx.a.test", 465).reachability(Reachability.REFUSED)
                .error("connect", ErrorKind.CONNECTION_REFUSED, "refused").build();
        ScanReport report = Synthetic.report(Synthetic.NOW, e, blocked, timedOut);
        Path file = dir.resolve("report.json");
        Files.writeString(file, Json.mapper().writeValueAsString(report));
        return file;
    }

    private ScanReport judged(Path out) throws Exception {
        return Json.mapper().readValue(Files.readString(out), ScanReport.class);
    }

    @Test
    void defaultProfileWarnsAndExitsZero() throws Exception {
        Path out = dir.resolve("default.json");
        CliRun run = CliRun.of("judge", savedReport().toString(), "--json", out.toString(), "-q");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        ScanReport report = judged(out);
        assertEquals("default", report.profile());
        Finding legacy = report.endpoints().get(0).findings().stream().filter(f -> f.id().equals("TLS_LEGACY_PROTOCOL"))
                .findFirst().orElseThrow();
        assertEquals(Severity.WARN, legacy.severity());
    }

    @Test
    void strictProfileFailsWithoutRescanning() throws Exception {
        Path out = dir.resolve("strict.json");
        Path saved = savedReport();
        CliRun run = CliRun.of("judge", saved.toString(), "--profile", "strict", "--json", out.toString(), "-q");
        assertEquals(ExitCodes.FINDINGS, run.exit(), run.err());
        ScanReport report = judged(out);
        assertEquals("strict", report.profile());
        assertTrue(report.endpoints().get(0).findings().stream()
                .anyMatch(f -> f.id().equals("TLS_LEGACY_PROTOCOL") && f.severity() == Severity.FAIL));
        ScanReport before = Json.mapper().readValue(Files.readString(saved), ScanReport.class);
        assertEquals(before.endpoints().get(0).transcript(), report.endpoints().get(0).transcript());
        assertEquals(before.endpoints().get(0).certificate(), report.endpoints().get(0).certificate());
    }

    @Test
    void healthProfileExitsOnWarningsAndFailOnOverridesIt() throws Exception {
        Path saved = savedReport();
        assertEquals(ExitCodes.FINDINGS, CliRun.of("judge", saved.toString(), "--profile", "health", "-q").exit());
        assertEquals(ExitCodes.OK, CliRun.of("judge", saved.toString(), "--profile", "health", "--fail-on", "fail", "-q").exit());
    }

    @Test
    void streamAndProgressOptionsOfAScanAreNotAcceptedAndIgnored() throws Exception {
        Path saved = savedReport();
        for (String option : new String[] {"--jsonl", "-v"}) {
            CliRun run = option.equals("-v") ? CliRun.of("judge", saved.toString(), option)
                    : CliRun.of("judge", saved.toString(), option, dir.resolve("x.jsonl").toString());
            assertEquals(ExitCodes.USAGE, run.exit(), option + ": " + run.err());
        }
    }

    @Test
    void consoleSummaryAndJsonToStdout() throws Exception {
        CliRun summary = CliRun.of("judge", savedReport().toString());
        assertTrue(summary.out().contains("3 endpoint(s)"), summary.out());
        CliRun json = CliRun.of("judge", savedReport().toString(), "--json", "-");
        assertEquals(ScanReport.SCHEMA, Json.mapper().readTree(json.out()).get("schema").asText());
    }

    @Test
    void diagnosisIsRecomputed() throws Exception {
        EndpointResult a25 = endpoint("mx.a.test", 25).reachability(Reachability.TIMEOUT)
                .error("connect", ErrorKind.CONNECTION_TIMEOUT, "no answer").build();
        EndpointResult a587 = endpoint("mx.a.test", 587).healthy().build();
        ScanReport report = Synthetic.report(Instant.now(), a25, a587);
        Path file = dir.resolve("blocked.json");
        Files.writeString(file, Json.mapper().writeValueAsString(report));
        CliRun run = CliRun.of("judge", file.toString(), "--json", "-");
        ScanReport judged = Json.mapper().readValue(run.out(), ScanReport.class);
        assertEquals("OUTBOUND_PORT_25_BLOCKED", judged.diagnosis().get(0).id());
        assertTrue(CliRun.of("judge", file.toString()).out().contains("WARN OUTBOUND_PORT_25_BLOCKED: "));
    }

    @Test
    void badInputIsAUsageErrorNotAStackTrace() throws Exception {
        CliRun missing = CliRun.of("judge", dir.resolve("nope.json").toString());
        assertEquals(ExitCodes.USAGE, missing.exit());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{ not json");
        CliRun bad = CliRun.of("judge", garbage.toString());
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().contains("is not a smtpscope JSON report"), bad.err());
        Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\": \"something/else\"}");
        assertTrue(CliRun.of("judge", other.toString()).err().contains("expected \"schema\""));
        Path badProfile = Files.writeString(dir.resolve("p.yaml"), "severity:\n  NOPE: fail\n");
        CliRun profile = CliRun.of("judge", savedReport().toString(), "--profile", badProfile.toString());
        assertEquals(ExitCodes.USAGE, profile.exit());
        assertTrue(profile.err().contains("p.yaml:2: severity.NOPE: unknown finding id"), profile.err());
        assertTrue(!bad.err().contains("at io.smtpscope") && !profile.err().contains("Exception"));
    }
}
