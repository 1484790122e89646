package io.smtpscope.history;

import java.util.List;

/** The recent runs of one endpoint (host x address x port x mode), newest first. */
public record EndpointHistory(String host, String address, int port, String mode, List<HistoryEntry> runs) {
    public EndpointHistory {
        runs = List.copyOf(runs);
    }
}
