package io.smtpscope.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's commands work as written. Blocks fenced as {@code sh} are runnable: each {@code bin/smtpscope}
 * line is run, in order, in a fresh folder (as on a fresh machine after the build), and must exit 0 or the
 * status its {@code # exit N} comment names; their only other lines are the set-up scripts. Blocks fenced as
 * {@code text} are output or documentation-only examples (real host names: never run, as the tests talk only
 * to loopback). A runnable line naming a host is refused here, so a README edit cannot send traffic anywhere.
 */
class ReadmeCommandsTest {
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    private static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d)");
    private static final List<String> SET_UP = List.of("bash src/scripts/demo.sh", "bash src/scripts/test.sh",
            "bash src/scripts/install.sh");

    @TempDir
    Path fresh;

    record Block(String kind, List<String> lines) {
    }

    static List<Block> blocks() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(readme);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2).lines().filter(l -> !l.isBlank()).toList()));
        }
        return blocks;
    }

    static boolean isCommand(String line) {
        return line.startsWith("bin/smtpscope ") || line.startsWith("smtpscope ");
    }

    @Test
    void everyFencedBlockSaysWhetherItRuns() throws Exception {
        List<Block> blocks = blocks();
        assertTrue(blocks.size() > 5);
        for (Block block : blocks) {
            assertTrue(List.of("sh", "text", "json").contains(block.kind()), "a block without sh/text marker: " + block);
        }
    }

    @Test
    void theTwoSetUpCommandsAreThere() throws Exception {
        List<String> runnable = blocks().stream().filter(b -> b.kind().equals("sh")).flatMap(b -> b.lines().stream()).toList();
        assertTrue(runnable.stream().anyMatch(l -> l.startsWith("bash src/scripts/demo.sh")), runnable.toString());
        assertTrue(runnable.stream().anyMatch(l -> l.startsWith("bash src/scripts/test.sh")), runnable.toString());
    }

    @Test
    void everyRunnableCommandWorksAsWritten() throws Exception {
        int ran = 0;
        for (Block block : blocks()) {
            if (!block.kind().equals("sh")) {
                continue;
            }
            for (String line : block.lines()) {
                if (SET_UP.stream().anyMatch(line::startsWith)) {
                    String script = line.split("\\s+")[1];
                    assertTrue(Files.isRegularFile(Path.of(script)), script);
                    continue;
                }
                assertTrue(line.startsWith("bin/smtpscope "), "a runnable line that is neither set-up nor bin/smtpscope: " + line);
                assertFalse(line.matches(".*(example\\.|192\\.0\\.2\\.|\\.test\\b).*"),
                        "a runnable README line names a host (fence it as text): " + line);
                Matcher exit = EXIT.matcher(line);
                int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
                String command = line.replaceAll("\\s+#.*", "");
                List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
                args.remove(0);
                Run run = smtpscope(args);
                assertEquals(expected, run.exit(), line + "\n" + run.output());
                ran++;
            }
        }
        assertTrue(ran >= 8, "only " + ran + " README commands ran");
    }

    @Test
    void theDocumentationOnlyExamplesParse() throws Exception {
        for (Block block : blocks()) {
            if (!block.kind().equals("text")) {
                continue;
            }
            for (String line : block.lines()) {
                if (!line.startsWith("bin/smtpscope ")) {
                    continue;
                }
                String[] args = line.replaceAll("\\s+#.*", "").split("\\s+");
                try {
                    io.smtpscope.cli.Cli.create(new java.io.PrintWriter(new java.io.StringWriter()),
                            new java.io.PrintWriter(new java.io.StringWriter())).parseArgs(Arrays.copyOfRange(args, 1, args.length));
                } catch (picocli.CommandLine.ParameterException e) {
                    fail("README example does not parse: " + line + ": " + e.getMessage());
                }
            }
        }
    }

    record Run(int exit, String output) {
    }

    /** The CLI in its own JVM, working in the fresh folder, as bin/smtpscope runs it there. */
    private Run smtpscope(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.smtpscope.cli.Main"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(fresh.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not finish within 120 s: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
