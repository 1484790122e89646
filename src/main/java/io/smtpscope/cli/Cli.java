package io.smtpscope.cli;

import io.smtpscope.tls.TlsContexts;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Builds the command line with its streams and error handling wired in one place, so tests run the
 * CLI in-process exactly as {@code java -jar} does.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return create(out, err).execute(args);
    }

    public static CommandLine create(PrintWriter out, PrintWriter err) {
        TlsContexts.init();
        CommandLine commandLine = new CommandLine(new SmtpscopeCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("smtpscope: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            cmd.getErr().flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof UserInputException) {
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
}
