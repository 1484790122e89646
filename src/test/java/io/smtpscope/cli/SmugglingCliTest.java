package io.smtpscope.cli;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.report.Json;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.VulnerabilityResult;
import io.smtpscope.result.VulnerabilityStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP smuggling check runs only with its explicit options: without {@code --smuggling-check RECIPIENT} no
 * MAIL, RCPT or DATA is ever sent, no profile can name it, and half-given options are refused before the first
 * connection. With them, against the real vulnerable Postfix port, it reaches the report and its finding.
 */
class SmugglingCliTest {
    @TempDir
    Path dir;

    private static ScriptedSmtpServer server() throws Exception {
        DemoPki pki = new DemoPki("smuggling cli test CA");
        return new ScriptedSmtpServer(ServerScript.wellBehaved("mail.smuggling.test",
                DemoPki.serverContext(pki.issue(List.of("mail.smuggling.test"), Duration.ofDays(30))), false));
    }

    private static boolean sentMail(ScriptedSmtpServer server) {
        return server.received().stream().map(l -> l.toUpperCase(Locale.ROOT))
                .anyMatch(l -> l.startsWith("MAIL") || l.startsWith("RCPT") || l.startsWith("DATA"));
    }

    @Test
    void withoutTheOptionAScanNeverSendsMailAndReportsNoSmugglingResult() throws Exception {
        try (ScriptedSmtpServer server = server()) {
            Path out = dir.resolve("plain.json");
            CliRun run = CliRun.of("scan", "127.0.0.1:" + server.port() + "/starttls", "--profile", "default",
                    "--json", out.toString(), "-q");
            assertTrue(run.exit() == ExitCodes.OK || run.exit() == ExitCodes.FINDINGS, run::toString);
            assertTrue(server.accepted() > 0, "the endpoint was scanned");
            assertFalse(sentMail(server), "no MAIL, RCPT or DATA without --smuggling-check: " + server.received());
            ScanReport report = Json.mapper().readValue(Files.readString(out), ScanReport.class);
            assertTrue(report.endpoints().stream().flatMap(e -> e.vulnerabilities().stream())
                    .noneMatch(v -> v.id().equals("smtp_smuggling")), report.endpoints()::toString);
        }
    }

    @Test
    void halfGivenOptionsAreRefusedBeforeAnyConnection() throws Exception {
        try (ScriptedSmtpServer server = server()) {
            String target = "127.0.0.1:" + server.port() + "/starttls";
            List<List<String>> refused = List.of(
                    List.of("scan", target, "--smuggling-from", "me@example.test"),
                    List.of("scan", target, "--smuggling-user", "me@example.test"),
                    List.of("scan", target, "--smuggling-check", "not an address"),
                    List.of("scan", target, "--smuggling-check", "me@example.test>\r\nDATA"),
                    List.of("scan", target, "--smuggling-check", "me@example.test", "--smuggling-user", "me",
                            "--smuggling-password-env", "SMTPSCOPE_SURELY_UNSET_VARIABLE"),
                    List.of("scan", target, "--smuggling-check"));
            for (List<String> args : refused) {
                CliRun run = CliRun.of(args);
                assertEquals(ExitCodes.USAGE, run.exit(), () -> args + ": " + run);
                assertTrue(run.err().contains("smuggling"), () -> args + ": " + run);
            }
            assertEquals(0, server.accepted(), "nothing was dialed");
        }
    }

    @Test
    void noProfileCanNameTheCheck() throws Exception {
        Path profile = Files.writeString(dir.resolve("sneaky.yaml"), """
                name: sneaky
                extends: quick
                vulnerability_checks: [smtp_smuggling]
                """);
        try (ScriptedSmtpServer server = server()) {
            CliRun run = CliRun.of("scan", "127.0.0.1:" + server.port() + "/starttls", "--profile", profile.toString());
            assertEquals(ExitCodes.USAGE, run.exit(), run::toString);
            assertTrue(run.err().contains("opt-in"), run::toString);
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void withTheOptionTheVulnerablePostfixIsReportedWithItsFinding() throws Exception {
        PostfixFixture postfix = RealServices.postfix();
        Properties smuggling = RealServices.postfixProperties("smuggling.properties");
        String name = postfix.get("name");
        Path out = dir.resolve("smuggling.json");
        CliRun run = CliRun.of("scan", name + ":" + smuggling.getProperty("vulnerable_port").strip(),
                "--resolve", name + ":" + postfix.get("host"), "--ca-file", postfix.get("ca_file"),
                "--profile", "quick", "--smuggling-check", "bob@smtpscope.test", "--json", out.toString(), "-q");
        assertEquals(ExitCodes.FINDINGS, run.exit(), run::toString);
        ScanReport report = Json.mapper().readValue(Files.readString(out), ScanReport.class);
        EndpointResult endpoint = report.endpoints().get(0);
        VulnerabilityResult result = endpoint.vulnerabilities().stream().filter(v -> v.id().equals("smtp_smuggling"))
                .findFirst().orElseThrow(() -> new AssertionError(endpoint.vulnerabilities()));
        assertEquals(VulnerabilityStatus.VULNERABLE, result.status(), result::toString);
        assertTrue(result.evidence().get("test_message_accepted").startsWith("yes"), result::toString);
        assertTrue(result.evidence().get("lf_dot_lf").startsWith("<LF>.<LF>: taken as end of data"), result::toString);
        assertEquals(1, result.connections());
        assertTrue(endpoint.findings().stream().anyMatch(f -> f.id().equals("VULN_SMTP_SMUGGLING")), endpoint.findings()::toString);
    }

    /**
     * Credentials the way login takes them (a file, never argv), sent only inside verified TLS: the submission port
     * 587 requires AUTH after STARTTLS. Its smtpd keeps Postfix 3.7's default (bare newlines allowed), so the check,
     * logged in, finds it vulnerable; the password appears in no output.
     */
    @Test
    void withCredentialsTheSubmissionPortIsCheckedAfterAuthAndTheSecretStaysHidden() throws Exception {
        PostfixFixture postfix = RealServices.postfix();
        String password = postfix.password();
        String name = postfix.get("name");
        Path out = dir.resolve("submission.json");
        CliRun run = CliRun.of("scan", name + ":" + postfix.get("submission_port"), "--resolve", name + ":" + postfix.get("host"),
                "--ca-file", postfix.get("ca_file"), "--profile", "quick", "--smuggling-check", "bob@smtpscope.test",
                "--smuggling-user", postfix.get("sasl_user"), "--smuggling-password-file", postfix.get("sasl_password_file"),
                "--json", out.toString(), "--html", dir.resolve("submission.html").toString());
        assertEquals(ExitCodes.FINDINGS, run.exit(), run::toString);
        String json = Files.readString(out);
        ScanReport report = Json.mapper().readValue(json, ScanReport.class);
        VulnerabilityResult result = report.endpoints().get(0).vulnerabilities().stream()
                .filter(v -> v.id().equals("smtp_smuggling")).findFirst().orElseThrow();
        assertEquals(VulnerabilityStatus.VULNERABLE, result.status(), result::toString);
        assertTrue(result.evidence().get("login").startsWith("logged in as " + postfix.get("sasl_user") + " with "), result::toString);
        for (String output : List.of(run.all(), json, Files.readString(dir.resolve("submission.html")))) {
            assertFalse(output.contains(password), "the password leaked");
        }
    }
}
