package io.smtpscope.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing real service skips a test loudly, or fails it when its requirement variable is 1. */
class RealServicesTest {
    private final Function<String, String> savedEnvironment = RealServices.environment;
    private final List<Path> savedChromium = RealServices.chromiumCandidates;
    private final PrintStream savedConsole = RealServices.console;
    private final Map<String, String> variables = new HashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        RealServices.environment = savedEnvironment;
        RealServices.chromiumCandidates = savedChromium;
        RealServices.console = savedConsole;
    }

    private void use(String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put(keyValues[i], keyValues[i + 1]);
        }
        RealServices.environment = variables::get;
    }

    /** Runs {@code call} and returns what it printed on stderr (the test's and the console's). */
    private static String stderrOf(Runnable call) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        RealServices.console = capture;
        try {
            call.run();
        } finally {
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDirectoryComesFromTheVariableOrTheDefault() {
        use();
        assertEquals(Path.of("/var/tmp/smtpscope-postfix"), RealServices.postfixDir());
        use(RealServices.POSTFIX_DIR, dir.toString());
        assertEquals(dir, RealServices.postfixDir());
    }

    @Test
    void aMissingPostfixSkipsAndSaysSoOnStderr() {
        use(RealServices.POSTFIX_DIR, dir.toString());
        String err = stderrOf(() -> {
            TestAbortedException skipped = assertThrows(TestAbortedException.class, RealServices::postfix);
            assertTrue(skipped.getMessage().contains(dir.resolve("postfix.properties").toString()), skipped.getMessage());
        });
        assertTrue(err.contains("*** SKIPPED: real Postfix: ") && err.contains("SMTPSCOPE_REQUIRE_POSTFIX=1"), err);
    }

    @Test
    void aMissingPostfixFailsWhenRequired() {
        use(RealServices.POSTFIX_DIR, dir.toString(), RealServices.REQUIRE_POSTFIX, "1");
        String err = stderrOf(() -> {
            AssertionFailedError failed = assertThrows(AssertionFailedError.class, RealServices::postfix);
            assertTrue(failed.getMessage().contains("FAILED (SMTPSCOPE_REQUIRE_POSTFIX=1)"), failed.getMessage());
        });
        assertTrue(err.contains("*** FAILED"), err);
        // Every other precondition of a Postfix test follows the same rule.
        assertThrows(AssertionFailedError.class, () -> RealServices.requirePostfix(false, "sslscan is not installed"));
        assertThrows(AssertionFailedError.class, () -> RealServices.postfixProperties("swap.properties"));
    }

    @Test
    void onlyTheValueOneMakesItAFailure() {
        use(RealServices.POSTFIX_DIR, dir.toString(), RealServices.REQUIRE_POSTFIX, "yes");
        stderrOf(() -> assertThrows(TestAbortedException.class, RealServices::postfix));
    }

    @Test
    void aPresentFixtureIsReadAndItsPasswordFileChecked() throws Exception {
        Path password = Files.writeString(dir.resolve("sasl-password"), "s3cret\nsecond line\n");
        Files.writeString(dir.resolve("postfix.properties"), "host=127.0.0.1\nname=mail.smtpscope.test\nsmtp_port=25\n"
                + "ca_file=/x/ca.crt\nsasl_password_file=" + password + "\n");
        use(RealServices.POSTFIX_DIR, dir.toString(), RealServices.REQUIRE_POSTFIX, "1");
        PostfixFixture postfix = RealServices.postfix();
        assertEquals("mail.smtpscope.test:25", postfix.target("smtp_port"));
        assertEquals(25, postfix.port("smtp_port"));
        assertEquals(List.of("--resolve", "mail.smtpscope.test:127.0.0.1", "--ca-file", "/x/ca.crt"), List.of(postfix.tlsOptions()));
        assertEquals("s3cret", postfix.password());
        assertThrows(IllegalStateException.class, () -> postfix.get("no_such_key"));

        Files.delete(password);
        stderrOf(() -> assertThrows(AssertionFailedError.class, postfix::password));
    }

    @Test
    void aFixtureOffLoopbackIsRefusedWhateverTheRequirement() throws Exception {
        Files.writeString(dir.resolve("postfix.properties"), "host=192.0.2.25\nname=mail.example.com\n");
        use(RealServices.POSTFIX_DIR, dir.toString());
        AssertionFailedError refused = assertThrows(AssertionFailedError.class, RealServices::postfix);
        assertTrue(refused.getMessage().contains("non-loopback host 192.0.2.25"), refused.getMessage());
    }

    @Test
    void aFixtureWithoutAHostFailsInsteadOfGuessingOne() throws Exception {
        Files.writeString(dir.resolve("postfix.properties"), "name=mail.smtpscope.test\nsmtp_port=25\n");
        use(RealServices.POSTFIX_DIR, dir.toString());
        AssertionFailedError refused = assertThrows(AssertionFailedError.class, RealServices::postfix);
        assertTrue(refused.getMessage().contains("has no host"), refused.getMessage());
    }

    @Test
    void aMissingBrowserSkipsOrFailsByItsOwnVariable() {
        RealServices.chromiumCandidates = List.of(dir.resolve("no-chromium-here"));
        use(RealServices.REQUIRE_POSTFIX, "1");
        stderrOf(() -> assertThrows(TestAbortedException.class, RealServices::chromium));
        use(RealServices.REQUIRE_BROWSER, "1");
        String err = stderrOf(() -> assertThrows(AssertionFailedError.class, RealServices::chromium));
        assertTrue(err.contains("FAILED (SMTPSCOPE_REQUIRE_BROWSER=1): browser: chromium is not installed"), err);
    }
}
