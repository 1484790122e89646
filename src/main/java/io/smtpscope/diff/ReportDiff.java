package io.smtpscope.diff;

import java.time.Instant;
import java.util.List;

/**
 * What changed between two runs: per endpoint (host x address x port x mode), the list of changes.
 * Endpoints without changes are left out, so an empty list means nothing changed. {@code oldRuns}: how many
 * recorded runs the old side was taken from (1 for two files; more when, from the history, each endpoint is
 * compared with its own previous run); {@code oldStartedAt} is then the oldest of them.
 */
public record ReportDiff(Instant oldStartedAt, Instant newStartedAt, int oldRuns, List<EndpointDiff> endpoints) {
    public ReportDiff {
        endpoints = List.copyOf(endpoints);
    }

    public ReportDiff(Instant oldStartedAt, Instant newStartedAt, List<EndpointDiff> endpoints) {
        this(oldStartedAt, newStartedAt, 1, endpoints);
    }

    public ReportDiff withOldRuns(int runs) {
        return new ReportDiff(oldStartedAt, newStartedAt, runs, endpoints);
    }

    public boolean isEmpty() {
        return endpoints.isEmpty();
    }

    public record EndpointDiff(String host, String address, int port, String mode, List<Change> changes) {
        public EndpointDiff {
            changes = List.copyOf(changes);
        }
    }
}
