package io.smtpscope.cli;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the secret may come from, and where it must never go: a real child process reads it from the
 * environment; its command line, stdout, stderr and JSON report are then searched for every spelling.
 */
class SecretHandlingTest {
    private static final String USER = "erin@greenmail.test";
    private static final String PASSWORD = "Env-Only-S3cret#9";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, PASSWORD))
            .withPerMethodLifecycle(false);

    @TempDir
    Path dir;

    @Test
    void passwordFromTheEnvironmentNeverReachesTheCommandLineOrAnyOutput() throws Exception {
        Path json = dir.resolve("login.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.smtpscope.cli.Main", "login",
                "127.0.0.1:" + GREENMAIL.getSmtps().getPort() + "/implicit-tls", "--user", USER, "--insecure",
                "--password-env", "SMTPSCOPE_TEST_PW", "--json", json.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("SMTPSCOPE_TEST_PW", PASSWORD);
        Process process = builder.start();
        String cmdline = commandLineOf(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "login did not finish within 60 s");
        String stdout = Files.readString(dir.resolve("stdout"));
        String stderr = Files.readString(dir.resolve("stderr"));
        assertEquals(0, process.exitValue(), stdout + stderr);
        assertTrue(stdout.contains("Login: SUCCESS"), stdout);
        assertTrue(cmdline.isEmpty() || cmdline.contains("io.smtpscope.cli.Main"), "unexpected command line " + cmdline);
        SecretLeaks.assertAbsent(USER, PASSWORD, String.join(" ", command), cmdline, stdout, stderr, Files.readString(json));
    }

    /** /proc/PID/cmdline as ps shows it (NUL-separated); empty if the process already ended or there is no /proc. */
    private static String commandLineOf(Process process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    @Test
    void noPasswordSourceIsAUsageErrorWithAClearLine() {
        SessionOptions.environment = name -> null;
        try {
            CliRun run = CliRun.of("login", "127.0.0.1:1", "--user", USER);
            assertEquals(ExitCodes.USAGE, run.exit());
            assertTrue(run.err().contains("no password: set SMTP_PASSWORD"), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        } finally {
            SessionOptions.environment = System::getenv;
        }
    }

    @Test
    void thereIsNoCommandLinePasswordOption() {
        CliRun run = CliRun.of("login", "127.0.0.1:1", "--user", USER, "--password", "x");
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("Unknown option"), run.err());
    }

    @Test
    void anUnsetPasswordVariableIsNamed() {
        SessionOptions.environment = name -> null;
        try {
            CliRun run = CliRun.of("login", "127.0.0.1:1", "--user", USER, "--password-env", "MY_PW");
            assertEquals(ExitCodes.USAGE, run.exit());
            assertTrue(run.err().contains("MY_PW"), run.err());
        } finally {
            SessionOptions.environment = System::getenv;
        }
    }

    @Test
    void aTokenGoesOnlyWithXoauth2() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "tok");
        CliRun run = CliRun.of("login", "127.0.0.1:1", "--user", USER, "--token-file", token.toString(), "--mech", "PLAIN");
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("XOAUTH2"), run.err());
    }

    @Test
    void aRefusedConnectionIsExplainedNotThrown() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "x");
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close();
            CliRun run = CliRun.of("login", "127.0.0.1:" + port, "--user", USER, "--password-file", pw.toString());
            assertEquals(1, run.exit(), run.all());
            assertTrue(run.out().contains("Error during connect: connection refused"), run.out());
        }
    }
}
