package io.smtpscope.report;

import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;

import java.util.Comparator;
import java.util.Optional;

/**
 * Derived, human-facing facts about one endpoint that the CSV and HTML reports share, so that both
 * say the same thing in the same words (worst finding, certificate status, outcome).
 */
public final class EndpointView {
    private EndpointView() {
    }

    /** The most severe finding; among equals, the first (the rules list the most important first). */
    public static Optional<Finding> worst(EndpointResult e) {
        return e.findings().stream().max(Comparator.comparing(Finding::severity)
                .thenComparing(Comparator.comparingInt(f -> -e.findings().indexOf(f))));
    }

    public static long count(EndpointResult e, Severity severity) {
        return e.findings().stream().filter(f -> f.severity() == severity).count();
    }

    /**
     * One word or two for the certificate: none, expired, not-yet-valid, name-mismatch, self-signed,
     * untrusted, or valid. The first problem in that order wins, as a person fixes them in that order.
     */
    public static String certificateStatus(EndpointResult e) {
        var c = e.certificate();
        if (c == null || c.chain().isEmpty()) {
            return "none";
        }
        if (c.expired()) {
            return "expired";
        }
        if (c.notYetValid()) {
            return "not-yet-valid";
        }
        if (!c.nameMatches()) {
            return "name-mismatch";
        }
        if (c.selfSigned()) {
            return "self-signed";
        }
        return c.trusted() ? "valid" : "untrusted";
    }

    public static Optional<ChainCertificate> leaf(EndpointResult e) {
        return e.certificate() == null || e.certificate().chain().isEmpty()
                ? Optional.empty() : Optional.of(e.certificate().chain().getFirst());
    }

    /**
     * What became of the endpoint, as one label for the outcome chart: the TCP result when the port was
     * not open, else the error kind that stopped the probe, else {@code tls} or {@code plain} (finished
     * without or with no TLS).
     */
    public static String outcome(EndpointResult e) {
        if (e.reachability() != Reachability.OPEN) {
            return e.reachability().label();
        }
        if (e.error() != null) {
            return e.error().kind().label();
        }
        return e.tls() != null ? "tls" : "no-tls";
    }

    /** host:port with brackets around an IPv6 literal (RFC 3986 section 3.2.2). */
    public static String hostPort(EndpointResult e) {
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        return host + ":" + e.port();
    }

    /** Versions the TLS enumeration found supported, oldest first, space-separated; null when it did not run. */
    static String supportedProtocols(EndpointResult e) {
        if (e.tls() == null || e.tls().protocols() == null) {
            return null;
        }
        return java.util.stream.Stream.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")
                .filter(v -> Boolean.TRUE.equals(e.tls().protocols().get(v)))
                .collect(java.util.stream.Collectors.joining(" "));
    }
}
