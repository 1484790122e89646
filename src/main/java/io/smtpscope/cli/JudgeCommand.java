package io.smtpscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smtpscope.diagnosis.NetworkDiagnosis;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.finding.FindingRules;
import io.smtpscope.profile.Profile;
import io.smtpscope.report.Json;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "judge", header = "Judge a saved report again under another profile.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Judge a saved JSON report again under another profile, without scanning: findings and the",
                "network diagnosis are recomputed from the observations in the report.",
                "  smtpscope judge report.json --profile strict --json strict.json"},
        footer = {"", ExitCodes.HELP})
public final class JudgeCommand implements Callable<Integer> {
    /** A report of a large run is a few MB; refuse anything absurd before parsing it. */
    private static final long MAX_REPORT_BYTES = 512L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT", description = "A JSON report written by 'smtpscope scan --json' ('-' for stdin).")
    String report;

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "default", description = "Profile to judge with (default: ${DEFAULT-VALUE}).")
    String profileName;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 when a finding reaches this severity (default: the profile's).")
    String failOn;

    @Mixin
    ReportFileOptions output;

    @Override
    public Integer call() {
        Profile profile = ScanCommand.loadProfile(profileName);
        Severity threshold = failOn != null ? ScanCommand.parseSeverity(failOn) : profile.failOn();
        ScanReport judged = rejudge(read(report), profile);
        output.write(judged, spec.commandLine().getOut());
        return ScanCommand.reachesThreshold(judged, threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Findings and diagnosis from the observations alone; the report is otherwise unchanged. */
    public static ScanReport rejudge(ScanReport saved, Profile profile) {
        FindingRules rules = new FindingRules(FindingCatalogue.bundled(), profile.judge());
        List<EndpointResult> endpoints = saved.endpoints().stream().map(rules::judge).toList();
        return new ScanReport(saved.schema(), saved.tool(), saved.startedAt(), saved.finishedAt(), profile.name(),
                endpoints, saved.inputErrors(), saved.complete(), new NetworkDiagnosis().diagnose(endpoints));
    }

    static ScanReport read(String source) {
        ScanReport saved;
        try (InputStream in = open(source)) {
            saved = Json.mapper().readValue(in, ScanReport.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new UserInputException(source + " is not a smtpscope JSON report" + where + ": "
                    + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + source + ": " + e.getMessage());
        }
        if (saved == null || !ScanReport.SCHEMA.equals(saved.schema())) {
            throw new UserInputException(source + " is not a smtpscope report (expected \"schema\": \""
                    + ScanReport.SCHEMA + "\")");
        }
        if (saved.endpoints().stream().anyMatch(e -> e == null || e.mode() == null || e.reachability() == null
                || e.host() == null)) {
            throw new UserInputException(source + ": an endpoint lacks host, mode or reachability; cannot judge it");
        }
        return saved;
    }

    private static InputStream open(String source) throws IOException {
        if (source.equals("-")) {
            return System.in;
        }
        Path path = Path.of(source);
        if (!Files.isRegularFile(path)) {
            throw new UserInputException("report file " + source + " does not exist or is not a file");
        }
        if (Files.size(path) > MAX_REPORT_BYTES) {
            throw new UserInputException("report file " + source + " is larger than " + MAX_REPORT_BYTES / (1024 * 1024) + " MB");
        }
        return Files.newInputStream(path);
    }
}
