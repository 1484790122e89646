package io.smtpscope.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The root command: only dispatches to subcommands. */
@Command(name = "smtpscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "SMTP connectivity and TLS diagnostics.",
        description = {"Probes ports 25, 465 and 587: STARTTLS, TLS, certificates, AUTH.",
                "'smtpscope COMMAND --help' explains each command."},
        subcommands = {ScanCommand.class, DemoCommand.class, ReportCommand.class, ExplainCommand.class, FindingsCommand.class,
                JudgeCommand.class, LoginCommand.class, SendTestCommand.class, HistoryCommand.class, DiffCommand.class,
                WatchCommand.class,
                picocli.CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  smtpscope demo                     # scan the built-in loopback servers",
                "  smtpscope scan mail.example.com    # ports 25, 465 and 587",
                "  smtpscope explain 535 5.7.8        # what an SMTP reply means",
                "", ExitCodes.ROOT})
public final class SmtpscopeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a command there is nothing to do: the usage goes to stderr, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }
}
