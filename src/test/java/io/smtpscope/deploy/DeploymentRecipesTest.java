package io.smtpscope.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smtpscope.cli.Cli;
import io.smtpscope.report.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command lines in src/main/deploy are accepted by the CLI parser. Convention: the line after a comment
 * containing {@code smtpscope:check} runs smtpscope; its arguments are what follows the jar (or the
 * {@code smtpscope} executable), up to a shell operator, or the JSON-style list on that line (Dockerfile
 * exec form, YAML flow sequence).
 */
class DeploymentRecipesTest {
    private static final Path DEPLOY = Path.of("src/main/deploy");
    private static final String MARKER = "smtpscope:check";
    private static final Set<String> SHELL_OPERATORS = Set.of(">", ">>", "2>", "2>&1", "|", "||", "&&", ";", "&");

    record Recipe(Path file, int line, String text) {
    }

    @Test
    void everyRecipeCommandParses() throws IOException {
        List<Recipe> recipes = recipes();
        assertTrue(recipes.size() >= 5, "expected the crontab, two systemd units, the CronJob and the Dockerfile: " + recipes);
        for (Recipe recipe : recipes) {
            List<String> args = arguments(recipe.text());
            String where = recipe.file() + ":" + recipe.line() + ": " + args;
            CommandLine cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            CommandLine.ParseResult parsed;
            try {
                parsed = cli.parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                fail(where + " is rejected: " + e.getMessage());
                return;
            }
            assertTrue(parsed.hasSubcommand(), where);
            String command = parsed.subcommand().commandSpec().name();
            assertTrue(Set.of("scan", "watch", "report").contains(command), where);
            if (command.equals("watch")) {
                // watch passes what it does not know to scan: check those too.
                List<String> scanArgs = new ArrayList<>(List.of("scan"));
                scanArgs.addAll(parsed.subcommand().unmatched());
                try {
                    Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                            .parseArgs(scanArgs.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    fail(where + ": watch's scan arguments are rejected: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void noCommandEscapesTheCheck() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".md")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    boolean runsSmtpscope = line.startsWith("ExecStart=") || line.startsWith("CMD ") || line.startsWith("args:")
                            || line.matches("^[0-9*@].*smtpscope.*");
                    if (runsSmtpscope) {
                        assertTrue(i > 0 && lines.get(i - 1).contains(MARKER), file + ":" + (i + 1) + " runs smtpscope without a '" + MARKER + "' line before it");
                    }
                }
            }
        }
    }

    @Test
    void extractionUnderstandsEachSyntax() {
        assertEquals(List.of("scan", "-q", "mail.example.com"),
                arguments("17 * * * * java -jar /opt/smtpscope/smtpscope.jar scan -q mail.example.com >/dev/null 2>&1"));
        assertEquals(List.of("scan", "a b"), arguments("ExecStart=/usr/bin/java -jar /x/smtpscope.jar scan 'a b'"));
        assertEquals(List.of("scan", "x"), arguments("    args: [\"scan\", \"x\"]"));
        assertEquals(List.of("scan", "x"), arguments("CMD [\"scan\", \"x\"]"));
        assertEquals(List.of("watch", "--every", "1h"), arguments("@hourly /usr/local/bin/smtpscope watch --every 1h | logger"));
    }

    /** A recipe is copied as it is: none may teach putting a secret where ps shows it (the webhook URL holds a token). */
    @Test
    void noRecipePutsASecretOnTheCommandLine() throws IOException {
        for (Recipe recipe : recipes()) {
            List<String> args = arguments(recipe.text());
            assertFalse(args.contains("--webhook"), recipe + ": use --webhook-file or SMTPSCOPE_WEBHOOK_URL");
            assertFalse(args.stream().anyMatch(a -> a.startsWith("--webhook=")), recipe.toString());
        }
    }

    private static List<Recipe> recipes() throws IOException {
        List<Recipe> recipes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(MARKER) && lines.get(i).strip().startsWith("#")) {
                        assertFalse(i + 1 >= lines.size(), file + ": marker on the last line");
                        recipes.add(new Recipe(file, i + 2, lines.get(i + 1)));
                    }
                }
            }
        }
        return recipes;
    }

    static List<String> arguments(String line) {
        int open = line.indexOf('[');
        if (open >= 0 && line.strip().endsWith("]")) {
            try {
                return Json.mapper().readValue(line.substring(open, line.lastIndexOf(']') + 1), new TypeReference<List<String>>() {
                });
            } catch (IOException e) {
                throw new AssertionError("not a JSON list: " + line, e);
            }
        }
        List<String> words = shellWords(line);
        int start = -1;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.endsWith("smtpscope.jar") || w.equals("smtpscope") || w.endsWith("/smtpscope")) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            throw new AssertionError("no smtpscope invocation in: " + line);
        }
        List<String> args = new ArrayList<>();
        for (String w : words.subList(start, words.size())) {
            if (SHELL_OPERATORS.contains(w) || w.startsWith(">") || w.startsWith("2>")) {
                break;
            }
            args.add(w);
        }
        return args;
    }

    /** Splits like sh for the simple lines recipes use: blanks separate, '...' and "..." quote. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new AssertionError("unclosed quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
