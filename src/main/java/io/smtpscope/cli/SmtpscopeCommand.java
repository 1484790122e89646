package io.smtpscope.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The root command: only dispatches to subcommands. */
@Command(name = "smtpscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "SMTP connectivity and TLS diagnostics.",
        description = {"Probes ports 25, 465 and 587: STARTTLS, TLS, certificates, AUTH.",
                "'smtpscope COMMAND --help' explains each command."},
        footer = {"", "Examples:",
                "  smtpscope demo                     # scan the built-in loopback servers",
                "  smtpscope scan mail.example.com    # ports 25, 465 and 587",
                "  smtpscope explain 535 5.7.8        # what an SMTP reply means",
                "", ExitCodes.ROOT})
public final class SmtpscopeCommand implements Callable<Integer> {
    /**
     * Every subcommand by name, in the order help lists them. Registered by {@link Cli}, not by the annotation:
     * picocli reflects over every option of a command as it is added, and doing that for all eleven took about a
     * third of a one-endpoint scan's wall time (class-load timeline in docs/performance.md); a run that names its
     * command builds only that one. Classes, not constructor references: a lambda naming a picocli class (compiled
     * for Java 5, which the JDK's AOT cache leaves out) crashed the JDK 25.0.3 cache writer.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @Spec
    CommandSpec spec;

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("scan", ScanCommand.class);
        all.put("demo", DemoCommand.class);
        all.put("report", ReportCommand.class);
        all.put("explain", ExplainCommand.class);
        all.put("findings", FindingsCommand.class);
        all.put("judge", JudgeCommand.class);
        all.put("login", LoginCommand.class);
        all.put("send-test", SendTestCommand.class);
        all.put("history", HistoryCommand.class);
        all.put("diff", DiffCommand.class);
        all.put("watch", WatchCommand.class);
        all.put("help", picocli.CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Without a command there is nothing to do: the usage goes to stderr, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }
}
