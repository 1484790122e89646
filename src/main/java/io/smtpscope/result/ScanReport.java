package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smtpscope.target.Shard;

import java.time.Instant;
import java.util.List;

/**
 * A whole run. {@code input_errors}: target lines that were skipped, with their line numbers.
 * {@code complete}: false when the run was interrupted and the report holds only what had finished.
 * {@code diagnosis}: conclusions across endpoints.
 * {@code earliest_expiry}: the certificate expiring first across all endpoints (derived from the endpoints when
 * not given; null when none presented a certificate).
 * {@code shard}: which slice of a sharded scan ({@code scan --shard INDEX/COUNT}) this report holds; left out of a
 * whole run and of a merged one.
 * {@code domains}: one entry per mail domain scanned ({@code mx:DOMAIN}, {@code --mx}); left out when none was.
 * A shard's report holds the domains whose MX hosts it scanned (all of a domain's MX hosts are in one shard).
 */
public record ScanReport(String schema, Tool tool, Instant startedAt, Instant finishedAt, String profile,
                         List<EndpointResult> endpoints, List<String> inputErrors, boolean complete,
                         List<Diagnosis> diagnosis, EarliestExpiry earliestExpiry,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Shard shard,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DomainResult> domains) {
    public static final String SCHEMA = "smtpscope/report/v1";

    public ScanReport {
        // A stored list is read-only already; copying it would load a spilled scan whole onto the heap.
        endpoints = endpoints == null ? List.of() : endpoints instanceof StoredEndpoints ? endpoints : List.copyOf(endpoints);
        inputErrors = inputErrors == null ? List.of() : List.copyOf(inputErrors);
        diagnosis = diagnosis == null ? List.of() : List.copyOf(diagnosis);
        if (earliestExpiry == null) {
            earliestExpiry = EarliestExpiry.of(endpoints);
        }
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    /** A report without mail domains. */
    public ScanReport(String schema, Tool tool, Instant startedAt, Instant finishedAt, String profile,
                      List<EndpointResult> endpoints, List<String> inputErrors, boolean complete,
                      List<Diagnosis> diagnosis, EarliestExpiry earliestExpiry, Shard shard) {
        this(schema, tool, startedAt, finishedAt, profile, endpoints, inputErrors, complete, diagnosis, earliestExpiry, shard,
                null);
    }

    /** A whole run, not a shard of one. */
    public ScanReport(String schema, Tool tool, Instant startedAt, Instant finishedAt, String profile,
                      List<EndpointResult> endpoints, List<String> inputErrors, boolean complete,
                      List<Diagnosis> diagnosis, EarliestExpiry earliestExpiry) {
        this(schema, tool, startedAt, finishedAt, profile, endpoints, inputErrors, complete, diagnosis, earliestExpiry, null);
    }

    /** A report whose earliest expiry is derived from its endpoints. */
    public ScanReport(String schema, Tool tool, Instant startedAt, Instant finishedAt, String profile,
                      List<EndpointResult> endpoints, List<String> inputErrors, boolean complete,
                      List<Diagnosis> diagnosis) {
        this(schema, tool, startedAt, finishedAt, profile, endpoints, inputErrors, complete, diagnosis, null, null);
    }

    public ScanReport withEndpoints(List<EndpointResult> judged) {
        return new ScanReport(schema, tool, startedAt, finishedAt, profile, judged, inputErrors, complete, diagnosis, null, shard,
                domains);
    }

    /** The same report, marked as shard {@code slice} of a sharded scan. */
    public ScanReport withShard(Shard slice) {
        return new ScanReport(schema, tool, startedAt, finishedAt, profile, endpoints, inputErrors, complete, diagnosis,
                earliestExpiry, slice, domains);
    }

    public ScanReport withDiagnosis(List<Diagnosis> found) {
        return new ScanReport(schema, tool, startedAt, finishedAt, profile, endpoints, inputErrors, complete, found, null, shard,
                domains);
    }

    public ScanReport withDomains(List<DomainResult> found) {
        return new ScanReport(schema, tool, startedAt, finishedAt, profile, endpoints, inputErrors, complete, diagnosis,
                earliestExpiry, shard, found);
    }
}
