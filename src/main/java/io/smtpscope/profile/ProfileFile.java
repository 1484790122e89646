package io.smtpscope.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A profile file exactly as written; every field may be absent, in which case the parent's (or the
 * built-in) value applies. Unknown keys are rejected when reading.
 * Probe switches: {@code try_starttls_unadvertised}, {@code identify_silent_service}, {@code reverse_dns}.
 * {@code fan_out}: how many MX hosts per mail domain and addresses per name a scan takes.
 * {@code vulnerability_checks}: check ids, or {@code safe} for every safe one; {@code []} runs none.
 */
record ProfileFile(String name, String description, @JsonProperty("extends") String extendsProfile, List<Integer> ports,
                   Map<Integer, String> modes, String ehloName, Boolean tryStarttlsUnadvertised,
                   Boolean identifySilentService, Boolean reverseDns,
                   Timeouts timeouts, Thresholds thresholds, String failOn, Map<String, String> severity,
                   String enumeration, FanOut fanOut, List<String> vulnerabilityChecks) {

    /** {@code max_mx_hosts} per mail domain, {@code max_addresses} per name. */
    record FanOut(Integer maxMxHosts, Integer maxAddresses) {
    }

    record Timeouts(String connect, String banner, String command, String tls, String total) {
    }

    /** {@code slow_banner} is a duration; {@code min_tls_version} a name such as TLSv1.2. */
    record Thresholds(Integer certExpiryWarnDays, Integer certExpiryFailDays, String slowBanner,
                      String minTlsVersion, Integer minRsaBits) {
    }
}
