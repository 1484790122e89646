package io.smtpscope.finding;

import io.smtpscope.resource.BundledYaml;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The catalogue of findings, loaded from {@code catalogue.yaml}: ids, severities, texts, references. */
public final class FindingCatalogue {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final FindingCatalogue BUNDLED = load();

    /** One catalogue entry; explanation and remedy are templates. */
    public record Entry(String id, Severity severity, String title, String explanation, String remedy,
                        List<String> references) {
    }

    private record File(Map<String, Entry> findings) {
    }

    private final Map<String, Entry> entries;

    private FindingCatalogue(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static FindingCatalogue bundled() {
        return BUNDLED;
    }

    private static FindingCatalogue load() {
        File file = BundledYaml.read(FindingCatalogue.class, "catalogue.yaml", File.class);
        Map<String, Entry> entries = new LinkedHashMap<>();
        file.findings().forEach((id, e) -> entries.put(id,
                new Entry(id, e.severity(), e.title(), e.explanation(), e.remedy(),
                        e.references() == null ? List.of() : e.references())));
        return new FindingCatalogue(Map.copyOf(entries));
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public List<Entry> entries() {
        return entries.values().stream().sorted(java.util.Comparator.comparing(Entry::id)).toList();
    }

    public boolean contains(String id) {
        return entries.containsKey(id);
    }

    /** A finding for {@code id} with the templates filled in from {@code facts}; severity may be overridden. */
    public Finding make(String id, Map<String, String> facts, Optional<Severity> severityOverride) {
        Entry entry = entries.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no finding " + id + " in the catalogue");
        }
        return new Finding(id, severityOverride.orElse(entry.severity()), entry.title(),
                fill(entry.explanation(), facts), fill(entry.remedy(), facts), entry.references());
    }

    public static String fill(String template, Map<String, String> facts) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = facts.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group(0)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
