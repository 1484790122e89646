package io.smtpscope.report;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ExpiryDays;
import io.smtpscope.result.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one endpoint as short lines with their verdict beside them ("TLSv1 offered (deprecated)",
 * "certificate expired 12 days ago"), so that a reader sees what is wrong without looking up a finding id.
 * The verdicts restate facts already judged by the findings; they decide nothing themselves.
 */
final class FactVerdicts {
    /** RFC 8996 deprecates TLS 1.0 and 1.1; RFC 7568 SSLv3; RFC 6176 SSLv2. */
    private static final Map<String, String> OLD_PROTOCOLS = Map.of("SSLv2", "insecure", "SSLv3", "insecure",
            "TLSv1", "deprecated", "TLSv1.1", "deprecated");

    /** One fact and, when there is one, its verdict's severity (null: nothing to say against it). */
    record Fact(String label, String text, Severity verdict) {
    }

    private FactVerdicts() {
    }

    static List<Fact> of(EndpointResult e) {
        List<Fact> facts = new ArrayList<>();
        tls(e).ifPresent(facts::add);
        certificate(e).ifPresent(facts::add);
        auth(e).ifPresent(facts::add);
        // A port that did not open has its own finding (PORT_REFUSED, PORT_TIMEOUT) saying the same.
        if (e.error() != null && e.reachability() == io.smtpscope.result.Reachability.OPEN) {
            facts.add(new Fact("stopped", e.error().kind().label() + " during " + e.error().phase() + ": "
                    + e.error().message(), Severity.WARN));
        }
        return facts;
    }

    private static Optional<Fact> tls(EndpointResult e) {
        if (e.tls() == null) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(e.tls().protocol() == null ? "no TLS session"
                : e.tls().protocol() + (e.tls().cipherSuite() != null ? " " + e.tls().cipherSuite() : ""));
        Severity verdict = null;
        if (e.tls().protocols() != null) {
            List<String> offered = new ArrayList<>();
            for (String v : List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
                if (Boolean.TRUE.equals(e.tls().protocols().get(v))) {
                    String old = OLD_PROTOCOLS.get(v);
                    offered.add(old == null ? v : v + " (" + old + ")");
                    verdict = old == null ? verdict : Severity.WARN;
                }
            }
            if (!offered.isEmpty()) {
                text.append("; offered: ").append(String.join(", ", offered));
            }
        }
        return Optional.of(new Fact("TLS", text.toString(), verdict));
    }

    private static Optional<Fact> certificate(EndpointResult e) {
        CertificateResult c = e.certificate();
        if (c == null) {
            return Optional.empty();
        }
        if (c.chain().isEmpty()) {
            return Optional.of(new Fact("certificate", "none received", Severity.FAIL));
        }
        List<String> parts = new ArrayList<>();
        Severity verdict = null;
        parts.add(c.chain().getFirst().subject());
        if (c.expired()) {
            parts.add(ExpiryDays.describe(c.daysRemaining(), true) + " (" + c.chain().getFirst().notAfter() + ")");
            verdict = Severity.FAIL;
        } else {
            parts.add(ExpiryDays.describe(c.daysRemaining(), false));
        }
        if (c.nameChecked() != null && !c.nameMatches()) {
            parts.add("name mismatch: does not cover " + c.nameChecked());
            verdict = Severity.FAIL;
        }
        if (!c.trusted() && !c.expired()) {
            parts.add("NOT trusted (" + (c.trustError() != null ? c.trustError() : "no path to a trusted root") + ")");
            verdict = Severity.FAIL;
        } else if (c.trusted()) {
            parts.add("trusted");
        }
        return Optional.of(new Fact("certificate", String.join(", ", parts), verdict));
    }

    private static Optional<Fact> auth(EndpointResult e) {
        if (e.smtp() == null || e.smtp().auth() == null) {
            return Optional.empty();
        }
        List<String> before = e.smtp().auth().beforeTls();
        List<String> after = e.smtp().auth().afterTls();
        if (before != null && !before.isEmpty()) {
            return Optional.of(new Fact("AUTH", String.join(" ", before) + " before TLS (passwords may travel in clear)",
                    Severity.FAIL));
        }
        if (after != null && !after.isEmpty()) {
            return Optional.of(new Fact("AUTH", String.join(" ", after) + " after TLS only", null));
        }
        return Optional.empty();
    }
}
