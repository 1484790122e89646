package io.smtpscope.cli;

import io.smtpscope.app.Lookups;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.profile.Profile;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Shard;
import io.smtpscope.target.TargetListReader;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What to scan and how: targets, the profile, name resolution, trust and connection limits. */
public final class ScanOptions {
    @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Hosts to scan (see below).")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read targets from FILE ('-' for stdin): one per line, # comments.")
    String input;

    @Option(names = "--mx", paramLabel = "DOMAIN[:PORT]", description = "Scan the MX hosts of this mail domain, on port 25 unless :PORT is given (repeatable; also mx:DOMAIN as a target).")
    List<String> mxDomains = new ArrayList<>();

    @Option(names = "--dns-server", paramLabel = "IP[:PORT]", converter = Converters.DnsServerConverter.class,
            description = "Ask this DNS server (UDP, 5 s timeout, 2 attempts) for MX, A, AAAA, TLSA and TXT records instead of the system's resolvers.")
    InetSocketAddress dnsServer;

    @Option(names = "--trust-anchor", paramLabel = "FILE",
            description = "DNSSEC trust anchor for mail domains: DS or DNSKEY records in zone-file syntax (default: the DNS root's KSKs).")
    Path trustAnchor;

    @Mixin
    ProfileOption profile;

    @Option(names = "--mode", paramLabel = "MODE", converter = Converters.ModeConverter.class,
            description = "Force the mode for targets without /MODE: starttls, implicit-tls or plain.")
    Mode mode;

    @Mixin
    TrustOptions trust;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32", description = "Endpoints probed at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--per-address", paramLabel = "N", defaultValue = "2", description = "Connections at once to one address (default: ${DEFAULT-VALUE}).")
    int perAddress;

    @Option(names = "--first-address", description = "Scan only the first address of each name instead of every A/AAAA address.")
    boolean firstAddress;

    @Option(names = "--allow-private-mx", description = "Also scan MX hosts whose addresses are loopback, link-local or private"
            + " (otherwise reported as not-scanned). Hosts and --resolve addresses you give are always scanned.")
    boolean allowPrivateMx;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT", description = "Scan only shard INDEX (0-based, as Kubernetes'"
            + " JOB_COMPLETION_INDEX) of COUNT: every endpoint of one address and every MX host of one mail domain are in the"
            + " same shard. Merge the shards' --jsonl files with report --from (docs/sharding.md).")
    String shard;

    @Mixin
    EhloNameOption ehloName;

    @Mixin
    SmugglingOptions smuggling;

    /** True when the command line names something to scan: arguments, -i or --mx. */
    boolean namesTargets() {
        return !targets.isEmpty() || input != null || !mxDomains.isEmpty();
    }

    /** The profile, with {@code --ehlo-name} in place of its own when given. */
    Profile profile() {
        Profile chosen = profile.profile();
        return ehloName.name().map(name -> chosen.withProbe(chosen.probe().withEhloName(name))).orElse(chosen);
    }

    /**
     * Reads and checks every target (skipped lines are reported on {@code err}), so that every usage error comes
     * before the first connection, not after a scan.
     */
    ScanRequest request(PrintWriter err) {
        Shard slice = shard();
        List<String> inputErrors = new ArrayList<>();
        List<TargetSpec> specs = readTargets(inputErrors);
        inputErrors.forEach(e -> err.println("smtpscope: skipped " + e));
        err.flush();
        if (specs.isEmpty()) {
            throw new UserInputException(inputErrors.isEmpty() ? "no targets: give hosts as arguments or with -i FILE"
                    : "no valid targets (" + inputErrors.size() + " input error(s))");
        }
        if (concurrency < 1 || perAddress < 1) {
            throw new UserInputException("--concurrency and --per-address must be at least 1");
        }
        Lookups lookups;
        try {
            lookups = Lookups.choose(Optional.ofNullable(dnsServer), specs.stream().anyMatch(TargetSpec::viaMx), trustAnchor);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return new ScanRequest(specs, inputErrors, profile(), Optional.ofNullable(mode), trust.overrides(), trust.anchors(),
                concurrency, perAddress, firstAddress, lookups.resolver(), Clock.systemUTC(), lookups.mxLookup(), allowPrivateMx,
                smuggling.request(trust.anchors()), slice, lookups.domainDns());
    }

    /** The shard of {@code --shard}, null without it; checked before anything is read or resolved. */
    Shard shard() {
        if (shard == null) {
            return null;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--shard: " + e.getMessage());
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
        } catch (MalformedInputException e) {
            throw new UserInputException("target file " + input + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException("cannot read target file " + input + ": " + e.getMessage());
        }
    }
}
