package io.smtpscope.cli;

import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.report.Json;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The judgement of a real, well-configured Postfix on loopback (src/test/postfix/setup-postfix.sh): no
 * warnings under the bundled profiles, and a re-judgement of the saved report under a demanding profile.
 */
class PostfixFindingsTest {
    private PostfixFixture postfix;

    @TempDir
    Path dir;

    @BeforeEach
    void requirePostfix() {
        postfix = RealServices.postfix();
    }

    private ScanReport scan(String profile, Path out) throws IOException {
        String name = postfix.get("name");
        CliRun run = CliRun.of("scan", name, "--resolve", name + ":" + postfix.get("host"),
                "--ca-file", postfix.get("ca_file"), "--ca-only", "--profile", profile, "--json", out.toString(), "-q");
        assertEquals(ExitCodes.OK, run.exit(), () -> run.out() + run.err() + readQuietly(out));
        return Json.mapper().readValue(Files.readString(out), ScanReport.class);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Finding> atLeast(ScanReport report, Severity severity) {
        return report.endpoints().stream().flatMap(e -> e.findings().stream()).filter(f -> f.severity().atLeast(severity)).toList();
    }

    @Test
    void wellConfiguredPostfixHasNoWarningsUnderDefaultAndSubmission() throws IOException {
        ScanReport standard = scan("default", dir.resolve("default.json"));
        assertEquals(3, standard.endpoints().size());
        assertEquals(List.of(), atLeast(standard, Severity.WARN));
        assertEquals(List.of(), standard.diagnosis());
        ScanReport submission = scan("submission", dir.resolve("submission.json"));
        assertEquals(List.of(465, 587), submission.endpoints().stream().map(EndpointResult::port).toList());
        assertEquals(List.of(), atLeast(submission, Severity.WARN));
        // AUTH is advertised only inside TLS on both submission ports.
        assertTrue(submission.endpoints().stream().allMatch(e -> e.smtp().auth().beforeTls().isEmpty()
                && !e.smtp().auth().afterTls().isEmpty()));
    }

    @Test
    void savedReportJudgedAgainUnderADemandingProfile() throws IOException {
        Path saved = dir.resolve("saved.json");
        scan("default", saved);
        Path demanding = Files.writeString(dir.resolve("demanding.yaml"), """
                name: demanding
                extends: strict
                thresholds:
                  cert_expiry_warn_days: 20000
                  cert_expiry_fail_days: 10
                severity:
                  SMTP_NO_PIPELINING: fail
                """);
        Path out = dir.resolve("rejudged.json");
        CliRun run = CliRun.of("judge", saved.toString(), "--profile", demanding.toString(), "--json", out.toString(), "-q");
        assertEquals(ExitCodes.FINDINGS, run.exit(), run.err());
        ScanReport rejudged = Json.mapper().readValue(Files.readString(out), ScanReport.class);
        assertEquals("demanding", rejudged.profile());
        assertTrue(rejudged.endpoints().stream().allMatch(e -> e.findings().stream()
                .anyMatch(f -> f.id().equals("CERT_EXPIRES_SOON") && f.explanation().contains("threshold 20000 days"))),
                () -> readQuietly(out));
    }
}
