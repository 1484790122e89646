package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Severity;
import io.smtpscope.result.TlsResult;
import io.smtpscope.tls.enumeration.CipherSuite;
import io.smtpscope.tls.enumeration.CipherSuiteRegistry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Findings from TLS enumeration results. Pure, like {@link FindingRules}: facts in, findings out. */
final class TlsRules {
    /** Where findings go: id, facts, optional severity for this instance. */
    interface Sink {
        void emit(String id, Map<String, String> facts, Optional<Severity> severity);
    }

    private static final int MAX_LISTED = 12;
    private static final List<String> LEGACY = List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");

    private TlsRules() {
    }

    static void findings(EndpointResult e, Sink out) {
        TlsResult tls = e.tls();
        if (tls == null) {
            return;
        }
        if (tls.protocols() != null) {
            protocols(tls.protocols(), out);
        }
        if (tls.cipherSuites() != null) {
            suites(tls, e.port() == 25, out);
        }
        if (tls.dhBits() != null && tls.dhBits() < 2048) {
            out.emit("TLS_WEAK_DH", Map.of("bits", tls.dhBits().toString()),
                    tls.dhBits() < 1024 ? Optional.of(Severity.FAIL) : Optional.empty());
        }
    }

    /**
     * One finding per endpoint naming every old version it accepts: the versions are one weakness with one
     * remedy, and one finding each would inflate the counts. SSL anywhere in the list makes it a failure.
     */
    private static void protocols(Map<String, Boolean> protocols, Sink out) {
        List<String> accepted = LEGACY.stream().filter(p -> Boolean.TRUE.equals(protocols.get(p))).toList();
        if (!accepted.isEmpty()) {
            boolean ssl = accepted.stream().anyMatch(p -> p.startsWith("SSL"));
            out.emit("TLS_LEGACY_PROTOCOL", Map.of("protocols", inWords(accepted)),
                    ssl ? Optional.of(Severity.FAIL) : Optional.empty());
        }
        // Only a tested "no" counts: null (could not test) is not evidence of a missing TLS 1.3.
        boolean anyTls = protocols.values().stream().anyMatch(Boolean.TRUE::equals);
        if (anyTls && Boolean.FALSE.equals(protocols.get("TLSv1.3"))) {
            out.emit("TLS_NO_TLS13", Map.of(), Optional.empty());
        }
    }

    private static void suites(TlsResult tls, boolean opportunisticMx, Sink out) {
        List<CipherSuite> all = new ArrayList<>();
        for (List<String> names : tls.cipherSuites().values()) {
            for (String name : names) {
                CipherSuiteRegistry.bundled().byName(name).filter(s -> !all.contains(s)).ifPresent(all::add);
            }
        }
        weak(all, CipherSuite::nullCipher, "NULL (unencrypted)", Optional.empty(), out);
        weak(all, CipherSuite::export, "EXPORT-grade", Optional.empty(), out);
        // On port 25 TLS is opportunistic (RFC 7435): senders do not authenticate the MX, so anonymous suites
        // cost nothing there and Postfix enables them on purpose; on submission ports they are a real weakness.
        weak(all, CipherSuite::anonymous, "anonymous (unauthenticated)",
                opportunisticMx ? Optional.of(Severity.INFO) : Optional.empty(), out);
        weak(all, CipherSuite::rc4, "RC4", Optional.empty(), out);
        weak(all, CipherSuite::des, "single DES", Optional.empty(), out);
        weak(all, CipherSuite::tripleDes, "3DES (64-bit block, Sweet32)", Optional.of(Severity.WARN), out);
        Set<String> noFs = names(all, s -> !s.tls13() && !s.forwardSecret() && !s.anonymous() && !s.nullCipher());
        if (!noFs.isEmpty()) {
            out.emit("TLS_NO_FORWARD_SECRECY", Map.of("suites", list(noFs)), Optional.empty());
        }
        List<String> tls12 = tls.cipherSuites().getOrDefault("TLSv1.2", List.of());
        Set<String> cbc = new LinkedHashSet<>();
        for (String name : tls12) {
            CipherSuiteRegistry.bundled().byName(name).filter(CipherSuite::cbc).ifPresent(s -> cbc.add(s.name()));
        }
        if (!cbc.isEmpty()) {
            out.emit("TLS_CBC_MODE", Map.of("suites", list(cbc)), Optional.empty());
        }
    }

    private static void weak(List<CipherSuite> all, Predicate<CipherSuite> test, String weakness,
                             Optional<Severity> severity, Sink out) {
        Set<String> hits = names(all, test);
        if (!hits.isEmpty()) {
            out.emit("TLS_WEAK_CIPHER", Map.of("weakness", weakness, "suites", list(hits)), severity);
        }
    }

    private static Set<String> names(List<CipherSuite> all, Predicate<CipherSuite> test) {
        Set<String> out = new LinkedHashSet<>();
        all.stream().filter(test).forEach(s -> out.add(s.name()));
        return out;
    }

    /** "TLSv1", "TLSv1 and TLSv1.1", "SSLv3, TLSv1 and TLSv1.1". */
    private static String inWords(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String list(Set<String> names) {
        List<String> shown = names.stream().limit(MAX_LISTED).toList();
        String text = String.join(", ", shown);
        return names.size() > MAX_LISTED ? text + " and " + (names.size() - MAX_LISTED) + " more" : text;
    }
}
