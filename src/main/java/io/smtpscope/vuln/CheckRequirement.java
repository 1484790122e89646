package io.smtpscope.vuln;

import io.smtpscope.result.TlsResult;
import io.smtpscope.tls.enumeration.EnumerationStep;
import io.smtpscope.tls.enumeration.TlsVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A precondition of a {@link VulnerabilityCheck}, read from what the probe and the TLS enumeration already
 * found for the endpoint (TLS-Scanner's requirements, as the enumeration's own). Empty when it holds; else the
 * reason that becomes the check's not_tested reason.
 */
@FunctionalInterface
public interface CheckRequirement {
    Optional<String> unmet(CheckContext context);

    /** The probe reached TLS: STARTTLS answered 220, or an implicit-TLS port accepted the connection. */
    static CheckRequirement tlsEndpoint() {
        return context -> EnumerationStep.worthEnumerating(context.probe(), context.endpoint().target().mode())
                ? Optional.empty() : Optional.of("no TLS to test: " + noTlsReason(context));
    }

    /** The enumeration found {@code v} accepted. */
    static CheckRequirement accepts(TlsVersion v) {
        return context -> {
            Map<String, Boolean> protocols = protocols(context);
            if (protocols == null) {
                return Optional.of("TLS versions were not enumerated (profile enumeration: off)");
            }
            Boolean accepted = protocols.get(v.label());
            return Boolean.TRUE.equals(accepted) ? Optional.empty()
                    : Optional.of(v.label() + (accepted == null ? " could not be tested" : " not accepted"));
        };
    }

    /** The enumeration found some version from SSLv3 up to {@code highest} accepted (TLS 1.2 and below: renegotiation). */
    static CheckRequirement acceptsUpTo(TlsVersion highest) {
        return context -> {
            Map<String, Boolean> protocols = protocols(context);
            if (protocols == null) {
                return Optional.of("TLS versions were not enumerated (profile enumeration: off)");
            }
            return highestAccepted(protocols, highest).isPresent() ? Optional.empty()
                    : Optional.of("no version up to " + highest.label() + " accepted");
        };
    }

    /** The enumeration found an RSA key-exchange suite (TLS_RSA_WITH_*) accepted with some version. */
    static CheckRequirement rsaKeyExchange() {
        return context -> {
            TlsResult tls = context.tls();
            if (tls == null || tls.cipherSuites() == null) {
                return Optional.of("cipher suites were not enumerated (profile enumeration is not full)");
            }
            boolean rsa = tls.cipherSuites().values().stream().flatMap(List::stream)
                    .anyMatch(s -> s.startsWith("TLS_RSA_WITH_"));
            return rsa ? Optional.empty() : Optional.of("no RSA key-exchange suite accepted");
        };
    }

    /** The user asked for this check explicitly ({@code what}: the option that asks, as the reason names it). */
    static CheckRequirement optIn(String what, boolean given) {
        return context -> given ? Optional.empty() : Optional.of("opt-in only: " + what + " not given");
    }

    /** The highest of SSLv3..{@code highest} the enumeration found accepted. */
    static Optional<TlsVersion> highestAccepted(Map<String, Boolean> protocols, TlsVersion highest) {
        TlsVersion best = null;
        for (TlsVersion v : TlsVersion.values()) {
            if (v != TlsVersion.SSLV2 && v.code() <= highest.code() && Boolean.TRUE.equals(protocols.get(v.label()))) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The lowest of SSLv3 and above the enumeration found accepted. */
    static Optional<TlsVersion> lowestAccepted(Map<String, Boolean> protocols) {
        for (TlsVersion v : TlsVersion.values()) {
            if (v != TlsVersion.SSLV2 && Boolean.TRUE.equals(protocols.get(v.label()))) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Boolean> protocols(CheckContext context) {
        return context.tls() == null ? null : context.tls().protocols();
    }

    private static String noTlsReason(CheckContext context) {
        if (context.probe().error() != null) {
            return "the probe stopped at " + context.probe().error().phase() + " (" + context.probe().error().kind().label() + ")";
        }
        return switch (context.endpoint().target().mode()) {
            case STARTTLS -> "STARTTLS not offered or refused";
            case IMPLICIT_TLS -> "the implicit-TLS port did not accept the connection";
            default -> "plain SMTP endpoint";
        };
    }
}
