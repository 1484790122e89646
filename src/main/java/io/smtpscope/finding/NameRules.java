package io.smtpscope.finding;

import io.smtpscope.cert.HostnameMatcher;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ReverseDns;
import io.smtpscope.target.HostSyntax;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's names should agree: the host name in its greeting (RFC 5321 section 4.3.1: "220 domain"),
 * the PTR record of its address, and its certificate.
 */
final class NameRules {
    private NameRules() {
    }

    static void apply(EndpointResult e, Emitter out) {
        ReverseDns rdns = e.reverseDns();
        Optional<String> greeting = greetingName(e);
        if (rdns != null && rdns.error() == null) {
            if (rdns.names().isEmpty()) {
                out.emit("REVERSE_DNS_MISSING", Map.of("detail", ""));
            } else if (greeting.isPresent() && rdns.names().stream().noneMatch(n -> sameName(n, greeting.get()))) {
                out.emit("GREETING_NAME_RDNS_MISMATCH", Map.of("greeting_name", greeting.get(),
                        "ptr", String.join(", ", rdns.names())));
            }
        }
        CertificateResult cert = e.certificate();
        if (greeting.isEmpty() || cert == null || cert.chain().isEmpty()) {
            return;
        }
        String name = greeting.get();
        if (cert.nameChecked() != null && sameName(cert.nameChecked(), name)) {
            return; // already judged as CERT_NAME_MISMATCH when it does not match
        }
        ChainCertificate leaf = cert.chain().get(0);
        if (!covers(leaf, name)) {
            String sans = leaf.sans().isEmpty() ? "no subjectAltName, subject " + leaf.subject() : String.join(", ", leaf.sans());
            out.emit("GREETING_NAME_CERT_MISMATCH", Map.of("greeting_name", name, "sans", sans));
        }
    }

    /** The first word of a 220 greeting when it is a host name (not an address literal, not a bare label). */
    static Optional<String> greetingName(EndpointResult e) {
        if (e.smtp() == null || e.smtp().banner() == null || e.smtp().banner().code() == null
                || e.smtp().banner().code() != 220 || e.smtp().banner().text() == null) {
            return Optional.empty();
        }
        String first = ConnectivityRules.firstLine(e.smtp().banner().text()).strip().split("\\s+", 2)[0];
        if (first.isEmpty() || first.startsWith("[") || first.indexOf('.') < 0 || HostSyntax.isIpLiteral(first)) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostSyntax.toAsciiHostName(trimDot(first)));
        } catch (IllegalArgumentException notAHostName) {
            return Optional.empty();
        }
    }

    private static boolean covers(ChainCertificate leaf, String name) {
        List<String> dns = leaf.sans().stream().filter(s -> s.startsWith("DNS:")).map(s -> s.substring(4)).toList();
        if (dns.isEmpty()) {
            String cn = commonName(leaf.subject());
            return cn != null && HostnameMatcher.matchesPattern(name, cn);
        }
        return dns.stream().anyMatch(pattern -> HostnameMatcher.matchesPattern(name, pattern));
    }

    private static String commonName(String subject) {
        if (subject == null) {
            return null;
        }
        for (String part : subject.split(",")) {
            if (part.strip().toUpperCase(Locale.ROOT).startsWith("CN=")) {
                return part.strip().substring(3);
            }
        }
        return null;
    }

    private static boolean sameName(String a, String b) {
        return trimDot(a).equalsIgnoreCase(trimDot(b));
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
