package io.smtpscope.cli;

import io.smtpscope.app.HealthRecorder;
import io.smtpscope.app.ScanJob;
import io.smtpscope.app.ScanService;
import io.smtpscope.demo.DemoEnvironment;
import io.smtpscope.app.Lookups;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.target.TargetSpec;
import io.smtpscope.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "demo", header = "Scan built-in servers on loopback and write reports/demo.json.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"The servers: a good STARTTLS one, a good implicit-TLS one,",
                "a careless one, one behind a STARTTLS-stripping firewall, and a closed port,",
                "and the mail domain good.test in a DNSSEC-signed zone (MX, DANE, TLS-RPT).",
                "They run inside smtpscope on 127.0.0.1: no network access is needed."},
        footer = {"", "Examples:",
                "  smtpscope demo",
                "  smtpscope demo -q --html reports/demo.html",
                "", ExitCodes.DEMO})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The demo's own default: its folder is created, unlike a folder the user names (which must exist). */
    static final String DEFAULT_REPORT = "reports/demo.json";

    @Mixin
    ScanOutputOptions output;

    private static void createDefaultFolder() {
        try {
            Files.createDirectories(Path.of(DEFAULT_REPORT).toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UserInputException("cannot create the folder for " + DEFAULT_REPORT + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!output.wantsAnyFile()) {
            output.json = DEFAULT_REPORT;
            createDefaultFolder();
        }
        try (DemoEnvironment demo = DemoEnvironment.start()) {
            // Loopback answers at once: short timeouts keep the demo quick.
            Profile profile = Profile.builtIn().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20));
            // The mail domain is looked up in the demo's own signed zone: loopback only, DNSSEC and DANE included.
            Lookups lookups = Lookups.choose(Optional.of(demo.dnsServer()), true, demo.trustAnchor());
            List<TargetSpec> targets = new ArrayList<>(demo.targets());
            targets.addAll(demo.domainTargets());
            ScanRequest request = new ScanRequest(targets, List.of(), profile, Optional.empty(), demo.overrides(),
                    demo.trustAnchors(), 8, 2, false, lookups.resolver(), Clock.systemUTC(), lookups.mxLookup(), true,
                    null, null, lookups.domainDns());
            PrintWriter err = spec.commandLine().getErr();
            new ScanJob(new ScanService(RunOutputs.tool()), request,
                    () -> RunOutputs.open(output, request, out, err).rescueOnShutdown(), HealthRecorder.none()).runOnce();
            if (!output.quiet && !output.writesToStdout() && output.json != null) {
                out.println("report written to " + output.json);
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new UserInputException("cannot start the demo servers on loopback: " + e.getMessage());
        }
    }
}
