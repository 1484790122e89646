package io.smtpscope.cli;

import io.smtpscope.diagnosis.DiagnosisCatalogue;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.profile.Profile;
import io.smtpscope.report.Json;
import io.smtpscope.result.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "findings", header = "List every finding and network diagnosis.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List every finding smtpscope can report (id, severity, title) and the network diagnoses.",
                "With --profile, severities are those the profile applies. 'smtpscope explain ID' shows one in full.",
                "--json prints {\"findings\": [...], \"diagnoses\": [...]}."},
        footer = {"", ExitCodes.LOOKUP_HELP})
public final class FindingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonFlag json;

    @Option(names = "--profile", paramLabel = "NAME|FILE", converter = Converters.ProfileConverter.class,
            description = "Show severities as this profile sets them.")
    Profile profile;

    /** One row: the catalogue entry with the severity the profile gives it. */
    record Row(String id, Severity severity, Severity catalogueSeverity, String title, String explanation, String remedy,
               List<String> references) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Severity> overrides = profile == null ? Map.of() : profile.judge().severityOverrides();
        List<Row> rows = FindingCatalogue.bundled().entries().stream()
                .map(e -> new Row(e.id(), overrides.getOrDefault(e.id(), e.severity()), e.severity(), e.title(),
                        e.explanation(), e.remedy(), e.references()))
                .toList();
        if (json.json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("findings", rows);
            document.put("diagnoses", DiagnosisCatalogue.bundled().entries());
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            int width = rows.stream().mapToInt(r -> r.id().length()).max().orElse(10) + 2;
            out.printf("%-" + width + "s %-8s %s%n", "ID", "SEVERITY", "TITLE");
            for (Row r : rows) {
                String severity = r.severity().label() + (r.severity() != r.catalogueSeverity() ? "*" : "");
                out.printf("%-" + width + "s %-8s %s%n", r.id(), severity, r.title());
            }
            out.println();
            out.println("Network diagnoses (across all endpoints of a run):");
            for (DiagnosisCatalogue.Entry d : DiagnosisCatalogue.bundled().entries()) {
                out.printf("%-" + width + "s %-8s %s%n", d.id(), d.severity().label(), d.title());
            }
            if (!overrides.isEmpty()) {
                out.println();
                out.println("* severity set by profile " + profile.name());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
