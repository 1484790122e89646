package io.smtpscope.diagnosis;

import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.resource.BundledYaml;
import io.smtpscope.result.Diagnosis;
import io.smtpscope.result.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The texts of network diagnoses, as data ({@code diagnoses.yaml}), like the findings catalogue. */
public final class DiagnosisCatalogue {
    private static final DiagnosisCatalogue BUNDLED = load();

    /** One entry; title and advice are templates. */
    public record Entry(String id, Severity severity, String title, String advice, List<String> references) {
    }

    private record File(Map<String, Entry> diagnoses) {
    }

    private final Map<String, Entry> entries;

    private DiagnosisCatalogue(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static DiagnosisCatalogue bundled() {
        return BUNDLED;
    }

    private static DiagnosisCatalogue load() {
        File file = BundledYaml.read(DiagnosisCatalogue.class, "diagnoses.yaml", File.class);
        Map<String, Entry> entries = new LinkedHashMap<>();
        file.diagnoses().forEach((id, e) -> entries.put(id, new Entry(id, e.severity(), e.title(), e.advice(),
                e.references() == null ? List.of() : List.copyOf(e.references()))));
        return new DiagnosisCatalogue(Map.copyOf(entries));
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public List<Entry> entries() {
        return entries.values().stream().sorted(java.util.Comparator.comparing(Entry::id)).toList();
    }

    Diagnosis make(String id, Map<String, String> facts, List<String> evidence) {
        Entry entry = entries.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no diagnosis " + id + " in the catalogue");
        }
        return new Diagnosis(id, entry.severity(), FindingCatalogue.fill(entry.title(), facts),
                FindingCatalogue.fill(entry.advice(), facts), evidence);
    }
}
