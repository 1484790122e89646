package io.smtpscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The help every command prints: examples that parse, text that fits, a true exit-status table. */
class HelpTest {
    /** Commands that never exit 1: their help must not promise it (history does: it left damaged rows out). */
    private static final Set<String> NEVER_EXIT_1 = Set.of("findings", "explain", "report", "demo", "watch");

    private static CommandLine cli() {
        CommandLine cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        cli.setUsageHelpAutoWidth(false);
        cli.setUsageHelpWidth(80);
        return cli;
    }

    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        all.add(cli());
        all.get(0).getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                all.add(sub);
            }
        });
        return all;
    }

    private static String help(CommandLine command) {
        return command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The lines the command's annotations hold, text blocks split: each must survive rendering unwrapped. */
    private static List<String> writtenLines(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        for (String[] part : List.of(spec.usageMessage().header(), spec.usageMessage().description(), spec.usageMessage().footer())) {
            for (String s : part) {
                lines.addAll(Arrays.asList(s.split("\n")));
            }
        }
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }

    /** The example command lines after "Examples:", with backslash continuations joined. */
    static List<String> examples(CommandSpec spec) {
        List<String> footer = new ArrayList<>();
        for (String s : spec.usageMessage().footer()) {
            footer.addAll(Arrays.asList(s.split("\n")));
        }
        List<String> examples = new ArrayList<>();
        int at = footer.indexOf("Examples:");
        StringBuilder pending = new StringBuilder();
        for (int i = at + 1; at >= 0 && i < footer.size() && !footer.get(i).isBlank(); i++) {
            String line = footer.get(i).strip();
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            pending.append(line.replaceAll("\\s+#.*", ""));
            examples.add(pending.toString().replaceAll("\\s+", " "));
            pending.setLength(0);
        }
        return examples;
    }

    @Test
    void everyCommandHasExamplesThatParseAsThatCommand() {
        for (CommandLine command : commands()) {
            String name = command.getCommandName();
            List<String> examples = examples(command.getCommandSpec());
            assertFalse(examples.isEmpty(), name + " has no Examples section:\n" + help(command));
            for (String example : examples) {
                List<String> words = new ArrayList<>(Arrays.asList(example.split(" ")));
                while (words.get(0).matches("[A-Z_]+=.*")) {
                    words.remove(0); // an environment assignment, as in SMTP_PASSWORD=... smtpscope login
                }
                assertEquals("smtpscope", words.remove(0), example);
                List<String> args = words;
                try {
                    CommandLine.ParseResult parsed = cli().parseArgs(args.toArray(String[]::new));
                    String parsedName = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : "smtpscope";
                    if (command.getParent() != null) {
                        assertEquals(name, parsedName, example);
                    }
                } catch (CommandLine.ParameterException e) {
                    fail("example of " + name + " does not parse: " + example + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void noWrittenLineIsWrappedAt80Columns() {
        for (CommandLine command : commands()) {
            List<String> rendered = help(command).lines().map(String::strip).toList();
            for (String line : writtenLines(command.getCommandSpec())) {
                assertTrue(rendered.contains(line.strip()),
                        command.getCommandName() + ": this line was wrapped: '" + line + "'\n" + help(command));
            }
        }
    }

    @Test
    void theDescriptionDoesNotRepeatTheHeader() {
        for (CommandLine command : commands()) {
            Set<String> seen = new HashSet<>();
            for (String line : help(command).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                assertTrue(seen.add(line), command.getCommandName() + " prints this twice: " + line);
            }
            String[] header = command.getCommandSpec().usageMessage().header();
            String[] description = command.getCommandSpec().usageMessage().description();
            if (header.length > 0 && description.length > 0) {
                assertFalse(firstWords(description[0]).equals(firstWords(header[0])),
                        command.getCommandName() + ": the description starts as the header does");
            }
        }
    }

    private static String firstWords(String s) {
        String[] words = s.toLowerCase(Locale.ROOT).split("\\W+");
        return String.join(" ", Arrays.asList(words).subList(0, Math.min(3, words.length)));
    }

    @Test
    void eachCommandShowsTheExitStatusesItCanReturn() {
        for (CommandLine command : commands()) {
            String name = command.getCommandName();
            String help = help(command);
            assertTrue(help.contains("Exit status"), name + " has no exit-status table");
            if (command.getParent() == null) {
                continue;
            }
            assertTrue(help.contains("  2  "), name + " does not list exit status 2");
            assertEquals(!NEVER_EXIT_1.contains(name), help.contains("  1  "), name + ": exit status 1 listed wrongly\n" + help);
            boolean hasFailOn = command.getCommandSpec().findOption("--fail-on") != null;
            if (!hasFailOn) {
                assertFalse(help.contains("reached --fail-on"), name + " has no --fail-on but its exit table names it");
            }
            CliRun bad = CliRun.of(name, "--no-such-option");
            assertEquals(ExitCodes.USAGE, bad.exit(), name + ": " + bad);
        }
    }

    @Test
    void bareSmtpscopePrintsUsageOnStderrAndExits2() {
        CliRun run = CliRun.of();
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("Usage: smtpscope"), run.toString());
        assertEquals("", run.out());
    }

    @Test
    void aMistypedCommandOrOptionGetsASuggestion() {
        CliRun command = CliRun.of("scna", "mail.example.com");
        assertEquals(ExitCodes.USAGE, command.exit());
        assertTrue(command.err().contains("unknown command 'scna'"), command.toString());
        assertTrue(command.err().contains("Did you mean: smtpscope scan?"), command.toString());
        CliRun option = CliRun.of("scan", "--profle", "quick", "mail.example.com");
        assertEquals(ExitCodes.USAGE, option.exit());
        assertTrue(option.err().contains("--profile"), option.toString());
    }
}
