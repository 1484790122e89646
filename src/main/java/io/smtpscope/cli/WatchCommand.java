package io.smtpscope.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.smtpscope.result.ScanReport;
import io.smtpscope.watch.Interval;
import io.smtpscope.watch.Watcher;
import io.smtpscope.watch.Webhook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "watch", header = "Scan on a schedule, serve /metrics, report changes.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Scan on a schedule until stopped (SIGTERM, Ctrl-C). Every run is recorded",
                "in the history, its metrics are served on /metrics (Prometheus text format),",
                "and changes since the previous run are logged on stderr and, with --webhook,",
                "POSTed as JSON. Every other argument is a 'scan' argument: targets and scan",
                "options (see 'smtpscope scan --help')."},
        footer = {"", "Example: smtpscope watch --every 1h --webhook https://hooks.example.com/smtp \\",
                "           --profile health mail.example.com",
                "", "Exit status: 0 stopped; 2 usage error (bad option or scan argument, port in use)",
                "or the first run failed."})
public final class WatchCommand implements Callable<Integer> {
    static final int DEFAULT_METRICS_PORT = 9925;

    @Spec
    CommandSpec spec;

    @Option(names = "--every", paramLabel = "INTERVAL", required = true, description = "Time between runs: 30s, 15m, 1h, 1d.")
    String every;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "Port for /metrics (default: ${DEFAULT-VALUE}; 0 picks a free port, -1 turns it off).")
    int metricsPort;

    @Option(names = "--metrics-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address /metrics listens on (default: ${DEFAULT-VALUE}, this machine only).")
    String metricsAddress;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST the changes as JSON to URL when a run differs from the previous one.")
    String webhookUrl;

    @Unmatched
    List<String> scanArgs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration interval = parseInterval();
        Optional<Webhook> webhook = parseWebhook();
        checkScanArguments(scanArgs);
        Watcher watcher = new Watcher(interval, () -> scanOnce(out, err), webhook, err);
        HTTPServer server = startMetrics(watcher);
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                watcher.stop();
                if (server != null) {
                    server.close();
                }
            }
        };
        // SIGTERM/SIGINT: stop the schedule (a running scan may finish, bounded), close /metrics. The history
        // database is opened and closed by each run, so nothing is left open.
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            err.println("smtpscope watch: stopping (signal)");
            err.flush();
            shutdown.run();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("smtpscope watch: scanning every " + every
                + (server == null ? "" : "; metrics on http://" + hostForUrl(metricsAddress) + ":" + server.getPort() + "/metrics"));
        err.flush();
        watcher.start();
        try {
            // Wait for a stop: the shutdown hook (SIGTERM/SIGINT), a failed first run, or an interrupt (in-process callers).
            watcher.awaitStopped(Duration.ofDays(365 * 100));
        } catch (InterruptedException e) {
            err.println("smtpscope watch: stopping (interrupted)");
        } finally {
            shutdown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it does the same shutdown
            }
        }
        err.println("smtpscope watch: stopped after " + watcher.runs() + " run(s)");
        err.flush();
        return watcher.firstRunFailed() ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /** One scan through the ordinary {@code scan} command, so watch takes exactly its options. */
    private ScanReport scanOnce(PrintWriter out, PrintWriter err) {
        CommandLine cli = Cli.create(out, err);
        List<String> args = new ArrayList<>();
        args.add("scan");
        args.addAll(scanArgs);
        if (!scanArgs.contains("-q") && !scanArgs.contains("--quiet")) {
            args.add("--quiet"); // a daemon logs to stderr; the summary of every run on stdout is noise
        }
        cli.execute(args.toArray(String[]::new));
        ScanCommand scan = cli.getSubcommands().get("scan").getCommand();
        return scan.health.lastReport;
    }

    /** Rejects bad scan arguments before the first run, with the same message {@code scan} would print. */
    static void checkScanArguments(List<String> scanArgs) {
        if (scanArgs.contains("--nagios")) {
            throw new UserInputException("--nagios is for one-shot checks, not for watch");
        }
        List<String> args = new ArrayList<>();
        args.add("scan");
        args.addAll(scanArgs);
        try {
            CommandLine.ParseResult parsed = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                    .parseArgs(args.toArray(String[]::new));
            if (parsed.subcommand() == null || parsed.subcommand().isUsageHelpRequested()) {
                throw new UserInputException("watch needs scan targets and options after its own options");
            }
        } catch (CommandLine.ParameterException e) {
            throw new UserInputException("scan arguments: " + e.getMessage());
        }
    }

    private HTTPServer startMetrics(Watcher watcher) {
        if (metricsPort == -1) {
            return null;
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new UserInputException("--metrics-port must be 0..65535, or -1 for no metrics server");
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(watcher::metrics);
        try {
            return HTTPServer.builder().inetAddress(InetAddress.getByName(metricsAddress)).port(metricsPort)
                    .registry(registry).buildAndStart();
        } catch (UnknownHostException e) {
            throw new UserInputException("--metrics-address: '" + metricsAddress + "' is not an address");
        } catch (IOException e) {
            throw new UserInputException("cannot serve /metrics on " + metricsAddress + ":" + metricsPort + ": " + e.getMessage());
        }
    }

    private Duration parseInterval() {
        try {
            return Interval.parse(every);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--every: " + e.getMessage());
        }
    }

    private Optional<Webhook> parseWebhook() {
        if (webhookUrl == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Webhook(new URI(webhookUrl)));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UserInputException("--webhook: " + e.getMessage());
        }
    }

    private static String hostForUrl(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
