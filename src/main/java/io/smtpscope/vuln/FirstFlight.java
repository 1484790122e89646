package io.smtpscope.vuln;

import io.smtpscope.smtp.Transport;
import io.smtpscope.tls.enumeration.CipherSuite;
import io.smtpscope.tls.enumeration.CipherSuiteRegistry;
import io.smtpscope.tls.enumeration.ClientHelloBuilder;
import io.smtpscope.tls.enumeration.RawHello;
import io.smtpscope.tls.enumeration.ServerFlight;
import io.smtpscope.tls.enumeration.TlsVersion;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The common start of the record-level checks: a new connection, a raw ClientHello at a TLS 1.2-or-older
 * version, and the server's flight up to ServerHelloDone. The connection stays open for what the check sends
 * next; anything else (a refusal, an alert, a time-out) is the check's not_tested verdict, with evidence.
 */
final class FirstFlight {
    private FirstFlight() {
    }

    sealed interface Result {
        /** The server answered with a hello at the version offered; the caller closes {@code transport}. */
        record Open(Transport transport, ServerFlight.Hello hello, TlsVersion version) implements Result {
        }

        record NotOpen(Verdict verdict) implements Result {
        }
    }

    /** The highest version from SSLv3 to TLS 1.2 the enumeration found accepted (the requirements made sure of one). */
    static TlsVersion legacyVersion(CheckContext context) {
        Map<String, Boolean> protocols = context.tls().protocols();
        return CheckRequirement.highestAccepted(protocols, TlsVersion.TLS12).orElseThrow();
    }

    /**
     * The suites to offer at {@code version}: those the enumeration found accepted (so the server surely takes
     * one), else every suite of the version, as the version enumeration offered them when it found it accepted.
     */
    static List<Integer> suites(CheckContext context, TlsVersion version) {
        Map<String, List<String>> accepted = context.tls() == null ? null : context.tls().cipherSuites();
        List<String> names = accepted == null ? List.of() : accepted.getOrDefault(version.label(), List.of());
        List<Integer> codes = names.stream().map(n -> CipherSuiteRegistry.bundled().byName(n).map(CipherSuite::code))
                .flatMap(java.util.Optional::stream).toList();
        return codes.isEmpty() ? RawHello.allSuites(version) : codes;
    }

    static Result open(CheckContext context, TlsVersion version, List<Integer> suites,
                       UnaryOperator<ClientHelloBuilder> extra, Evidence evidence, String phase) {
        byte[] hello = extra.apply(new ClientHelloBuilder().version(version).suites(suites)
                .serverName(context.endpoint().serverName()).groups(RawHello.groups(version))).build();
        Transport transport;
        try {
            transport = context.openTls();
        } catch (CheckContext.NoConnection e) {
            return new Result.NotOpen(Verdict.notTested(e.getMessage(), evidence));
        }
        RawHello.Answer answer = RawHello.exchange(transport, hello, version, context.tlsPhase(phase));
        if (answer instanceof RawHello.Answer.Answered a && a.flight() instanceof ServerFlight.Hello h
                && h.version() == version.code()) {
            evidence.put("server_hello", TlsVersion.describe(h.version()) + ", suite 0x"
                    + String.format("%04X", h.cipherSuite()));
            return new Result.Open(transport, h, version);
        }
        transport.close();
        String what = switch (answer) {
            case RawHello.Answer.Answered a when a.flight() instanceof ServerFlight.Alert alert -> "alert " + alert.describe();
            case RawHello.Answer.Answered a when a.flight() instanceof ServerFlight.Hello h ->
                    "a hello at " + TlsVersion.describe(h.version());
            case RawHello.Answer.Answered a -> "an unexpected answer";
            case RawHello.Answer.Closed c -> "a close without an alert";
            case RawHello.Answer.Failed f -> "no usable answer (" + f.reason() + ")";
        };
        evidence.put("hello_answer", what);
        return new Result.NotOpen(Verdict.notTested("the " + version.label() + " hello got " + what, evidence));
    }
}
