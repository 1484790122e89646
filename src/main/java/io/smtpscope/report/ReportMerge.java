package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Shard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Many saved reports of one scan (the shards of {@code scan --shard}, or reruns) as one: each endpoint key (host,
 * address, port, mode) once — the lowest shard's wins —, sorted by host, port, address and mode, input errors once
 * each. Sorted, because a shard's stream holds its endpoints in the order they finished: the merge and the
 * diagnosis recomputed over it (whose evidence lists endpoints in report order) must not depend on that. The merge
 * is {@code complete} only when every input is and, for shards, every index from 0 to the count is there; a
 * missing or cut-short shard is named in a note, which also goes into {@code input_errors}. The diagnosis across
 * endpoints is left empty: the caller recomputes it over the merged endpoints.
 */
public final class ReportMerge {
    /** Missing shard indexes named one by one up to this many; then a count. */
    static final int NAMED_MISSING = 20;

    private ReportMerge() {
    }

    /** One saved report and the name of its file, for messages. */
    public record Input(String label, ScanReport report) {
    }

    /** The merged report (without diagnosis) and what made it incomplete, one sentence each. */
    public record Merged(ScanReport report, List<String> notes) {
        public Merged {
            notes = List.copyOf(notes);
        }
    }

    /**
     * @throws IllegalArgumentException when there is nothing to merge, or the inputs are shards of different
     *                                  counts (parts of different sharded runs)
     */
    public static Merged merge(List<Input> inputs, Tool tool) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no reports to merge");
        }
        Integer count = shardCount(inputs);
        // Shards in index order; reports that are no shard after them, in the order given.
        List<Input> ordered = inputs.stream().sorted(Comparator.comparingInt(
                (Input i) -> i.report().shard() == null ? Integer.MAX_VALUE : i.report().shard().index())).toList();
        Map<String, EndpointResult> endpoints = new LinkedHashMap<>();
        Set<String> inputErrors = new LinkedHashSet<>();
        Set<String> profiles = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        Set<Integer> present = new TreeSet<>();
        Instant started = null;
        Instant finished = null;
        boolean complete = true;
        for (Input input : ordered) {
            ScanReport report = input.report();
            report.endpoints().forEach(e -> endpoints.putIfAbsent(key(e), e));
            inputErrors.addAll(report.inputErrors());
            profiles.add(report.profile());
            started = started == null || report.startedAt().isBefore(started) ? report.startedAt() : started;
            finished = finished == null || report.finishedAt().isAfter(finished) ? report.finishedAt() : finished;
            if (report.shard() != null) {
                present.add(report.shard().index());
            }
            if (!report.complete()) {
                complete = false;
                notes.add(input.label() + (report.shard() == null ? "" : " (shard " + report.shard() + ")")
                        + " is incomplete: the run was interrupted or the file cut short; its input errors say where");
            }
        }
        if (count != null && present.size() < count) {
            complete = false;
            notes.add(missing(count, present));
        }
        if (profiles.size() > 1) {
            notes.add("the reports were scanned under different profiles: " + String.join(", ", profiles));
        }
        List<String> errors = new ArrayList<>(inputErrors);
        notes.stream().filter(n -> !errors.contains(n)).forEach(errors::add);
        List<EndpointResult> sorted = endpoints.values().stream().sorted(ORDER).toList();
        ScanReport merged = new ScanReport(ScanReport.SCHEMA, tool, started, finished, profiles.iterator().next(),
                sorted, errors, complete, List.of());
        return new Merged(merged, notes);
    }

    private static final Comparator<EndpointResult> ORDER = Comparator
            .comparing(EndpointResult::host, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparingInt(EndpointResult::port)
            .thenComparing(EndpointResult::address, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(e -> String.valueOf(e.mode()));

    /** What makes two results the same endpoint: one address and port of one host, spoken to in one mode. */
    static String key(EndpointResult e) {
        return e.host() + "|" + e.address() + "|" + e.port() + "|" + e.mode();
    }

    /** The shard count all shard inputs agree on, null when no input is a shard. */
    private static Integer shardCount(List<Input> inputs) {
        Map<Integer, String> counts = new LinkedHashMap<>();
        for (Input input : inputs) {
            Shard shard = input.report().shard();
            if (shard != null) {
                counts.putIfAbsent(shard.count(), input.label());
            }
        }
        if (counts.size() > 1) {
            List<String> seen = counts.entrySet().stream().map(e -> e.getKey() + " in " + e.getValue()).toList();
            throw new IllegalArgumentException("the shard files are from different sharded scans: shard counts "
                    + String.join(", ", seen));
        }
        return counts.isEmpty() ? null : counts.keySet().iterator().next();
    }

    private static String missing(int count, Set<Integer> present) {
        List<String> named = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < count; i++) {
            if (!present.contains(i)) {
                missing++;
                if (named.size() < NAMED_MISSING) {
                    named.add(i + "/" + count);
                }
            }
        }
        String list = String.join(", ", named) + (missing > named.size() ? " and " + (missing - named.size()) + " more" : "");
        return missing + " of " + count + " shard(s) missing: " + list + " (no file given holds them; rerun those shards"
                + " or give their files)";
    }
}
