package io.smtpscope.history;

import java.time.Instant;
import java.util.List;

/** One endpoint in one recorded run: the columns {@code smtpscope history} shows. */
public record HistoryEntry(long runId, Instant startedAt, String profile, String host, String address, int port,
                           String mode, String reachability, String tlsProtocol, String certSha256,
                           Instant certNotAfter, String worstSeverity, String worstFinding, List<String> findingIds,
                           String banner) {
    public HistoryEntry {
        findingIds = List.copyOf(findingIds);
    }
}
