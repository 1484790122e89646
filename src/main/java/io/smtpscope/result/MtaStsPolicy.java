package io.smtpscope.result;

import java.util.List;

/**
 * The fields of an MTA-STS policy file (RFC 8461 section 3.2) as parsed; a field the file lacks or got wrong is
 * null (the findings say why). {@code mx} holds every pattern as published (escaped), valid or not.
 */
public record MtaStsPolicy(String version, MtaStsMode mode, Long maxAge, List<String> mx) {
    public MtaStsPolicy {
        mx = mx == null ? List.of() : List.copyOf(mx);
    }
}
