package io.smtpscope.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.smtpscope.app.WatchLoop;
import io.smtpscope.monitor.Webhook;
import io.smtpscope.profile.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "watch", header = "Scan on a schedule, serve /metrics, report changes.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs until stopped (SIGTERM, Ctrl-C). Every run is recorded",
                "in the history, its metrics are served on /metrics (Prometheus text format),",
                "and changes since the previous run are logged on stderr and, with a webhook,",
                "POSTed as JSON. Every other argument is a 'scan' argument: targets and scan",
                "options (see 'smtpscope scan --help'), read and checked once, at start."},
        footer = {"", "Examples:",
                "  smtpscope watch --every 1h --profile health mail.example.com",
                "  smtpscope watch --every 1h --webhook-file /etc/smtpscope/webhook-url \\",
                "      --profile health mail.example.com",
                "", "The webhook URL usually holds a token: give it with --webhook-file FILE or",
                "the environment variable " + WebhookOptions.ENV + "; only its scheme and host are",
                "ever logged. /metrics has no authentication and listens on 127.0.0.1; another",
                "address needs --metrics-allow-remote, and a firewall or an authenticating",
                "proxy in front of it.",
                "", "Exit status:",
                "  0  stopped (SIGTERM, Ctrl-C)",
                "  2  usage error (bad option or scan argument, port in use),",
                "     or the first run failed",
                "  3  internal error"})
public final class WatchCommand implements Callable<Integer> {
    static final int DEFAULT_METRICS_PORT = 9925;

    @Spec
    CommandSpec spec;

    @Option(names = "--every", paramLabel = "INTERVAL", required = true, converter = Converters.IntervalConverter.class,
            description = "Time between runs: 30s, 15m, 1h, 1d.")
    Duration every;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "Port for /metrics (default: ${DEFAULT-VALUE}; 0 picks a free port, -1 turns it off).")
    int metricsPort;

    @Option(names = "--metrics-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address /metrics listens on (default: ${DEFAULT-VALUE}, this machine only). /metrics has no"
                    + " authentication: any other address needs --metrics-allow-remote.")
    String metricsAddress;

    @Option(names = "--metrics-allow-remote",
            description = "Let /metrics listen on an address other machines can reach. Anyone who reaches it reads what"
                    + " is scanned and its state: restrict it with a firewall or an authenticating proxy.")
    boolean metricsAllowRemote;

    @Mixin
    WebhookOptions webhook;

    @Unmatched
    List<String> scanArgs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new UserInputException("--metrics-port must be 0..65535, or -1 for no metrics server");
        }
        InetAddress metricsBind = metricsPort == -1 ? null : metricsAddress(metricsAddress, metricsAllowRemote);
        Optional<Webhook> changesTo = webhook.webhook(err);
        ScanCommand scan = parseScanArguments(scanArgs);
        scan.output.quiet = true; // a daemon logs to stderr; the summary of every run on stdout is noise
        // Targets and profile are read once, here: every usage error stops the watch before anything starts.
        WatchLoop loop = new WatchLoop(every, scan.job(out, err), changesTo, err);
        HTTPServer server = startMetrics(loop, metricsBind);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                loop.stop();
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
        err.println("smtpscope watch: scanning every " + Durations.format(every)
                + (server == null ? "" : "; metrics on http://" + hostForUrl(metricsAddress) + ":" + server.getPort() + "/metrics")
                + changesTo.map(h -> "; changes POSTed to " + h.where()).orElse(""));
        err.flush();
        loop.start();
        try {
            // Wait for a stop: the shutdown hook (SIGTERM/SIGINT), a failed first run, or an interrupt (in-process callers).
            loop.awaitStopped(Duration.ofDays(365 * 100));
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
        err.println("smtpscope watch: stopped after " + loop.runs() + " run(s)");
        err.flush();
        return loop.firstRunFailed() ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /**
     * The scan arguments, parsed by the {@code scan} command's own options so that watch takes exactly those;
     * a bad one is rejected with the message {@code scan} would print.
     */
    static ScanCommand parseScanArguments(List<String> scanArgs) {
        if (scanArgs.contains("--nagios")) {
            throw new UserInputException("--nagios is for one-shot checks, not for watch");
        }
        ScanCommand scan = new ScanCommand();
        try {
            CommandLine.ParseResult parsed = Cli.configure(new CommandLine(scan)).parseArgs(scanArgs.toArray(String[]::new));
            if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                throw new UserInputException("watch needs scan targets and options after its own options");
            }
        } catch (CommandLine.ParameterException e) {
            throw new UserInputException("scan arguments: " + Cli.message(e));
        }
        return scan;
    }

    /**
     * The address /metrics binds: loopback unless {@code allowRemote}. The exporter has no authentication and the
     * metrics name every scanned host and its weaknesses, so exposing it is a decision the user states explicitly.
     */
    static InetAddress metricsAddress(String text, boolean allowRemote) {
        InetAddress address;
        try {
            address = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UserInputException("--metrics-address: '" + text + "' is not an address");
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new UserInputException("--metrics-address " + text + ": /metrics has no authentication and this address"
                    + " can be reached from other machines" + (address.isAnyLocalAddress() ? " (it means every interface)" : "")
                    + "; add --metrics-allow-remote to confirm, after restricting access with a firewall or a proxy");
        }
        return address;
    }

    private HTTPServer startMetrics(WatchLoop loop, InetAddress address) {
        if (address == null) {
            return null;
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(loop::metrics);
        try {
            return HTTPServer.builder().inetAddress(address).port(metricsPort).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new UserInputException("cannot serve /metrics on " + metricsAddress + ":" + metricsPort + ": " + e.getMessage());
        }
    }

    private static String hostForUrl(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
