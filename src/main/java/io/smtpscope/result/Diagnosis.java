package io.smtpscope.result;

import java.util.List;

/**
 * A conclusion drawn across endpoints that no single endpoint shows (for example: every port-25
 * connection timed out while 587 worked, so outbound port 25 is blocked on this network).
 * {@code evidence} names the endpoints (host:port) it rests on.
 */
public record Diagnosis(String id, Severity severity, String title, String advice, List<String> evidence) {
    public Diagnosis {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
