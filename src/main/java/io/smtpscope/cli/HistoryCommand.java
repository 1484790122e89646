package io.smtpscope.cli;

import io.smtpscope.history.DamagedRow;
import io.smtpscope.history.EndpointHistory;
import io.smtpscope.history.HistoryEntry;
import io.smtpscope.history.HistoryStore;
import io.smtpscope.report.Json;
import io.smtpscope.text.HumanTime;
import io.smtpscope.text.Printable;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", header = "Show the recorded runs per endpoint.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Per endpoint: when (UTC, to the second), reachability, TLS version,",
                "certificate fingerprint and expiry, worst finding. Every 'scan' records",
                "its run (--no-history: not)."},
        footer = {"", "Examples:",
                "  smtpscope history",
                "  smtpscope history mail.example.com:25 -n 3 --json",
                "", "Exit status:", "  0  shown",
                "  1  shown, but damaged rows were left out (each named on stderr)",
                "  2  usage error or no history database", "  3  internal error"})
public final class HistoryCommand implements Callable<Integer> {
    private static final int FINGERPRINT_CHARS = 16;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..1", description = "Only this HOST or HOST:PORT.")
    String target;

    @Option(names = {"-n", "--runs"}, paramLabel = "N", defaultValue = "10", description = "Runs per endpoint (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    JsonFlag json;

    @Mixin
    HistoryFileOption history;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (runs < 1) {
            throw new UserInputException("-n must be at least 1");
        }
        json.check();
        String host = null;
        Integer port = null;
        if (target != null) {
            try {
                TargetSpec parsed = TargetParser.parse(target);
                host = parsed.host();
                port = parsed.port().orElse(null);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("target '" + target + "': " + e.getMessage());
            }
        }
        List<EndpointHistory> endpoints;
        List<DamagedRow> damaged = new ArrayList<>();
        try (HistoryStore store = HistoryStore.openExisting(history.path())) {
            endpoints = store.recent(host, port, runs, damaged::add);
        }
        PrintWriter err = spec.commandLine().getErr();
        damaged.forEach(row -> err.println("smtpscope: " + row.describe(history.path().toString())));
        err.flush();
        if (json.json()) {
            json.write(endpoints, out);
        } else if (endpoints.isEmpty()) {
            out.println(target == null ? "no runs recorded yet" : "no runs recorded for " + Printable.escapeControls(target));
        } else {
            endpoints.forEach(e -> print(e, out));
        }
        out.flush();
        return damaged.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** The run's outcome in words: TLS matters only on a connection that opened. */
    static String state(HistoryEntry run) {
        return switch (run.reachability()) {
            case "open" -> run.tlsProtocol() == null ? "open, no TLS" : "open, " + run.tlsProtocol();
            case "refused" -> "connection refused";
            case "timeout" -> "no answer (timeout)";
            case "unreachable" -> "network unreachable";
            case "dns-error" -> "name did not resolve";
            default -> run.reachability();
        };
    }

    private static void print(EndpointHistory e, PrintWriter out) {
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        out.println(Printable.escapeControls(host + ":" + e.port() + " (" + (e.address() == null ? "-" : e.address()) + ", " + e.mode() + ")"));
        for (HistoryEntry run : e.runs()) {
            StringBuilder sb = new StringBuilder("  ");
            sb.append(HumanTime.of(run.startedAt())).append("  ").append(String.format("%-19s", state(run)));
            if (run.certSha256() != null) {
                String fingerprint = run.certSha256().length() > FINGERPRINT_CHARS
                        ? run.certSha256().substring(0, FINGERPRINT_CHARS) + "..." : run.certSha256();
                sb.append("  cert ").append(fingerprint);
                if (run.certNotAfter() != null) {
                    long days = Math.floorDiv(Duration.between(run.startedAt(), run.certNotAfter()).toSeconds(), 86_400L);
                    sb.append(" expires ").append(run.certNotAfter().toString(), 0, 10).append(" (").append(days).append(" d)");
                }
            }
            sb.append("  worst: ").append(run.worstFinding() == null ? "none"
                    : run.worstSeverity().toUpperCase(java.util.Locale.ROOT) + " " + run.worstFinding());
            out.println(Printable.escapeControls(sb.toString()));
        }
    }
}
