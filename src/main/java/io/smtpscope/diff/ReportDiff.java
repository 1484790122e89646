package io.smtpscope.diff;

import java.time.Instant;
import java.util.List;

/**
 * What changed between two runs: per endpoint (host x address x port x mode), the list of changes.
 * Endpoints without changes are left out, so an empty list means nothing changed.
 */
public record ReportDiff(Instant oldStartedAt, Instant newStartedAt, List<EndpointDiff> endpoints) {
    public ReportDiff {
        endpoints = List.copyOf(endpoints);
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
