package io.smtpscope.cli;

import io.smtpscope.dns.DnsClient;
import io.smtpscope.dns.MxAnswer;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.engine.Resolver;
import io.smtpscope.engine.ScanRequest;
import io.smtpscope.engine.Scanner;
import io.smtpscope.profile.Profile;
import io.smtpscope.profile.ProfileException;
import io.smtpscope.profile.ProfileLoader;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Mode;
import io.smtpscope.target.TargetListReader;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "scan", header = "Probe mail servers: TCP, greeting, EHLO, STARTTLS/TLS, certificate, AUTH.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Probe mail servers: TCP, greeting, EHLO, STARTTLS or implicit TLS, certificate, AUTH.",
                "Never sends MAIL, RCPT or DATA."},
        footer = {"", "Targets: HOST, HOST:PORT, IPv4, [IPv6], [IPv6]:PORT, each optionally /MODE",
                "(starttls, implicit-tls, plain), e.g. mail.example.com:2525/implicit-tls.",
                "Without a port, the profile's ports are scanned (default 25, 465, 587).",
                "Port 465 is implicit TLS, every other port SMTP + STARTTLS, unless /MODE or --mode says otherwise.",
                "",
                "Mail domains: --mx DOMAIN, or mx:DOMAIN as a target or -i line, scans the",
                "domain's MX hosts in preference order, on port 25 only unless DOMAIN:PORT",
                "gives another (--mx example.com:2525). No MX record: the domain's own A/AAAA",
                "is the MX (implicit MX, RFC 5321 5.1). A null MX (RFC 7505) or a failed MX",
                "lookup is one dns-error endpoint for the domain; it never stops the others.",
                "", ExitCodes.HELP})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Hosts to scan (see below).")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read targets from FILE ('-' for stdin): one per line, # comments.")
    String input;

    @Option(names = "--mx", paramLabel = "DOMAIN[:PORT]", description = "Scan the MX hosts of this mail domain, on port 25 unless :PORT is given (repeatable; also mx:DOMAIN as a target).")
    List<String> mxDomains = new ArrayList<>();

    @Option(names = "--dns-server", paramLabel = "IP[:PORT]", description = "Ask this DNS server (UDP, 5 s timeout, 2 attempts) for MX, A and AAAA records instead of the system's resolvers.")
    String dnsServer;

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "default", description = "Scan profile: default, quick, full, submission, health, strict, or a YAML file (default: ${DEFAULT-VALUE}). See 'smtpscope findings --profile NAME'.")
    String profileName;

    @Option(names = "--mode", paramLabel = "MODE", description = "Force the mode for targets without /MODE: starttls, implicit-tls or plain.")
    String mode;

    @Mixin
    TrustOptions trust;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32", description = "Endpoints probed at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--per-address", paramLabel = "N", defaultValue = "2", description = "Connections at once to one address (default: ${DEFAULT-VALUE}).")
    int perAddress;

    @Option(names = "--first-address", description = "Scan only the first address of each name instead of every A/AAAA address.")
    boolean firstAddress;

    @Option(names = "--ehlo-name", paramLabel = "NAME", description = "Name sent in EHLO (default: the profile's).")
    String ehloName;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 when a finding reaches this severity: info, warn, fail (default: the profile's, usually fail).")
    String failOn;

    @Mixin
    OutputOptions output;

    @Mixin
    HealthOptions health;

    @Override
    public Integer call() {
        return health.nagios ? HealthOptions.asPlugin(spec.commandLine().getOut(), this::scan) : scan();
    }

    private Integer scan() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        health.validate(output);
        Profile profile = loadProfile(profileName);
        // Every usage error is reported before the first connection, not after a scan.
        Severity threshold = failOn != null ? parseSeverity(failOn) : profile.failOn();
        if (ehloName != null) {
            try {
                profile = profile.withProbe(profile.probe().withEhloName(ehloName));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--ehlo-name: " + e.getMessage());
            }
        }
        List<String> inputErrors = new ArrayList<>();
        List<TargetSpec> specs = readTargets(inputErrors);
        inputErrors.forEach(e -> err.println("smtpscope: skipped " + e));
        if (specs.isEmpty()) {
            throw new UserInputException(inputErrors.isEmpty() ? "no targets: give hosts as arguments or with -i FILE"
                    : "no valid targets (" + inputErrors.size() + " input error(s))");
        }
        if (concurrency < 1 || perAddress < 1) {
            throw new UserInputException("--concurrency and --per-address must be at least 1");
        }
        DnsClient dns = dnsClient(specs.stream().anyMatch(TargetSpec::viaMx));
        Resolver resolver = dnsServer != null ? dns::addresses : Resolver.system();
        MxLookup mxLookup = dns != null ? MxLookup.using(dns)
                : domain -> new MxAnswer.Failed("MX lookup of " + domain + " impossible: this system has no DNS resolver configured (use --dns-server)");
        ScanRequest request = new ScanRequest(specs, inputErrors, profile, parseMode(), trust.overrides(), trust.anchors(),
                concurrency, perAddress, firstAddress, resolver, Clock.systemUTC(), mxLookup);
        if (health.nagios) {
            output.quiet = true; // the plugin's status line is the only thing on stdout
        }
        ScanReport report;
        try (RunOutputs outputs = RunOutputs.open(output, RunOutputs.header(request.clock().instant(), profile.name(),
                inputErrors), request.clock(), out, err).rescueOnShutdown()) {
            report = new Scanner(new Tool("smtpscope", VersionProvider.version())).run(request, outputs::planned, outputs::accept);
            outputs.finish(report);
        }
        health.afterScan(report, err);
        if (health.nagios) {
            return health.nagiosResult(report, profile, out);
        }
        return reachesThreshold(report, threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * dnsjava for MX lookups (the JDK has none), and for A/AAAA too when --dns-server is given, so that one
     * server answers everything. Null when no MX lookup is needed or the system has no resolver.
     */
    private DnsClient dnsClient(boolean mxNeeded) {
        if (dnsServer != null) {
            try {
                return new DnsClient(List.of(DnsClient.parseServer(dnsServer)), DnsClient.DEFAULT_TIMEOUT, DnsClient.DEFAULT_ATTEMPTS);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        if (!mxNeeded) {
            return null;
        }
        try {
            return DnsClient.system();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    static boolean reachesThreshold(ScanReport report, Severity threshold) {
        return report.endpoints().stream().flatMap(e -> e.findings().stream()).anyMatch(f -> f.severity().atLeast(threshold));
    }

    static Profile loadProfile(String name) {
        try {
            return new ProfileLoader().load(name);
        } catch (ProfileException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    static Severity parseSeverity(String text) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--fail-on: " + e.getMessage());
        }
    }

    private Optional<Mode> parseMode() {
        if (mode == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Mode.parse(mode));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--mode: " + e.getMessage());
        }
    }

    private List<TargetSpec> readTargets(List<String> inputErrors) {
        List<TargetSpec> specs = new ArrayList<>();
        for (String domain : mxDomains) {
            try {
                specs.add(TargetParser.parseMxDomain(domain));
            } catch (IllegalArgumentException e) {
                inputErrors.add("--mx '" + domain + "': " + e.getMessage());
            }
        }
        for (String target : targets) {
            try {
                specs.add(TargetParser.parse(target));
            } catch (IllegalArgumentException e) {
                inputErrors.add("argument '" + target + "': " + e.getMessage());
            }
        }
        if (input != null) {
            TargetListReader.Result result = readList(input);
            specs.addAll(result.targets());
            result.errors().forEach(e -> inputErrors.add(e.toString()));
        }
        return specs;
    }

    private static TargetListReader.Result readList(String input) {
        try {
            if (input.equals("-")) {
                return TargetListReader.read(new InputStreamReader(System.in, StandardCharsets.UTF_8), "stdin");
            }
            Path path = Path.of(input);
            if (!Files.isRegularFile(path)) {
                throw new UserInputException("target file " + input + " does not exist or is not a file");
            }
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                return TargetListReader.read(reader, input);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserInputException("target file " + input + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException("cannot read target file " + input + ": " + e.getMessage());
        }
    }
}
