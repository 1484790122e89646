package io.smtpscope.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: only dispatches to subcommands. */
@Command(name = "smtpscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SMTP connectivity and TLS diagnostics: ports 25, 465 and 587, STARTTLS, certificates, AUTH.",
        subcommands = {ScanCommand.class, DemoCommand.class, ReportCommand.class, ExplainCommand.class, FindingsCommand.class,
                JudgeCommand.class, LoginCommand.class, SendTestCommand.class, HistoryCommand.class, DiffCommand.class,
                WatchCommand.class,
                picocli.CommandLine.HelpCommand.class},
        footer = {"", ExitCodes.OVERVIEW_HELP})
public final class SmtpscopeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
