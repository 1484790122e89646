package io.smtpscope.cli;

import io.smtpscope.history.HistoryException;
import io.smtpscope.report.ReportWriteException;
import io.smtpscope.report.UnreadableReportException;
import io.smtpscope.tls.TlsContexts;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Set;

/**
 * Builds the command line with its streams and error handling wired in one place, so tests run the
 * CLI in-process exactly as {@code java -jar} does.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return create(out, err, commandsFor(args)).execute(args);
    }

    /** The whole command tree, every subcommand registered (help, completion scripts, man pages). */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, SmtpscopeCommand.SUBCOMMANDS.keySet());
    }

    /**
     * The subcommands a run with {@code args} needs: the one its first argument names (not {@code help}, which
     * lists them all), none for a lone {@code --version}, and all of them otherwise, so that an unknown or
     * misspelt command still gets its suggestions.
     */
    static Set<String> commandsFor(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return Set.of();
        }
        if (args.length > 0 && !args[0].equals("help") && SmtpscopeCommand.SUBCOMMANDS.containsKey(args[0])) {
            return Set.of(args[0]);
        }
        return SmtpscopeCommand.SUBCOMMANDS.keySet();
    }

    /** The command tree with the subcommands named in {@code commands}, in help's order. */
    static CommandLine create(PrintWriter out, PrintWriter err, Set<String> commands) {
        TlsContexts.init();
        CommandLine root = new CommandLine(new SmtpscopeCommand());
        SmtpscopeCommand.SUBCOMMANDS.forEach((name, command) -> {
            if (commands.contains(name)) {
                root.addSubcommand(name, command);
            }
        });
        // After the subcommands are added: picocli applies these settings to the commands registered so far.
        CommandLine commandLine = configure(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cmd = e.getCommandLine();
            if (cmd.getCommand() instanceof ScanCommand && Arrays.asList(arguments).contains("--nagios")) {
                return NagiosPlugin.unknown(cmd.getOut(), message(e));
            }
            cmd.getErr().println("smtpscope: " + message(e));
            if (e instanceof UnmatchedArgumentException unmatched) {
                UnmatchedArgumentException.printSuggestions(unmatched, cmd.getErr());
            }
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            cmd.getErr().flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (isInputProblem(e)) {
                cmd.getErr().println("smtpscope: " + e.getMessage());
                cmd.getErr().flush();
                return ExitCodes.USAGE;
            }
            cmd.getErr().println("smtpscope: internal error: " + e);
            if (System.getenv("SMTPSCOPE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set SMTPSCOPE_DEBUG=1 for a stack trace, and please report it)");
            }
            cmd.getErr().flush();
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    /** The parser settings every command line shares, also when watch parses its scan arguments. */
    static CommandLine configure(CommandLine commandLine) {
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Help lines are written to fit 80 columns; a wider terminal gets no mid-phrase wraps in option texts.
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    /**
     * A problem with what the user gave us (option values, files, the history database): one line and exit
     * status 2, never a stack trace.
     */
    static boolean isInputProblem(Exception e) {
        return e instanceof UserInputException || e instanceof UnreadableReportException
                || e instanceof ReportWriteException || e instanceof HistoryException;
    }

    /** A parse error in one line; a rejected option value as {@code --OPTION: what is wrong with it}. */
    static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !e.getCommandLine().getSubcommands().isEmpty() && e.getCommandLine().getParent() == null
                && e.getCommandLine().getParseResult() != null && !e.getCommandLine().getParseResult().hasSubcommand()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        if (e.getCause() instanceof TypeConversionException bad && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + ": " + bad.getMessage();
        }
        return e.getMessage();
    }
}
