package io.smtpscope.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The man pages and the completion script the build writes (the same code, into a temporary folder). */
class ShellFilesTest {
    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        ShellFiles.write(out);
    }

    /** Sources the completion in bash, completes {@code line} at its last word, and returns COMPREPLY. */
    private static List<String> complete(String... words) throws Exception {
        // compopt works only while bash itself runs a completion: stubbed, as it only tunes how bash shows results.
        String script = "source \"$1\"\n"
                + "compopt() { :; }\n"
                + "shift\n"
                + "COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_smtpscope\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        List<String> command = new java.util.ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c", script, "bash",
                out.resolve("completion/smtpscope.bash").toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(bash.waitFor(20, TimeUnit.SECONDS), "bash did not finish");
        String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.exitValue(), printed);
        return printed.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void bashCompletesAScanOption() throws Exception {
        assertEquals(List.of("--profile", "--prometheus"), complete("smtpscope", "scan", "--pro"));
    }

    @Test
    void bashCompletesCommandsAndEnumValues() throws Exception {
        assertEquals(List.of("scan", "send-test"), complete("smtpscope", "s"));
        assertEquals(List.of("warn"), complete("smtpscope", "scan", "--fail-on", "w"));
    }

    @Test
    void thereIsAManPagePerCommand() {
        for (String name : List.of("smtpscope", "smtpscope-scan", "smtpscope-demo", "smtpscope-report", "smtpscope-explain",
                "smtpscope-findings", "smtpscope-judge", "smtpscope-login", "smtpscope-send-test", "smtpscope-history",
                "smtpscope-diff", "smtpscope-watch")) {
            assertTrue(Files.isRegularFile(out.resolve("man/" + name + ".1")), name);
        }
    }

    @Test
    void theScanManPageRendersWithoutWarningsAndHoldsOptionsExamplesAndExitStatus() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man(1) is not installed");
        ProcessBuilder builder = new ProcessBuilder("man", "--warnings", "-l", out.resolve("man/smtpscope-scan.1").toString())
                .redirectErrorStream(true);
        builder.environment().put("MANWIDTH", "80");
        builder.environment().put("MANPAGER", "cat");
        Process man = builder.start();
        assertTrue(man.waitFor(20, TimeUnit.SECONDS));
        String page = new String(man.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, man.exitValue(), page);
        assertFalse(page.contains("warning"), page);
        assertTrue(page.contains("--profile NAME|FILE"), page);
        assertTrue(page.contains("smtpscope scan mail.example.com:2525/implicit-tls --json report.json"), page);
        assertTrue(page.contains("1  at least one finding or diagnosis reached --fail-on"), page);
    }

    @Test
    void roffEscapingKeepsTextLiteral() {
        assertEquals("\\&.TH not a request \\e n \\-\\-json", ManPage.escape(".TH not a request \\ n --json"));
    }
}
