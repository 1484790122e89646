package io.smtpscope.vuln;

import io.smtpscope.smtp.Transport;
import io.smtpscope.tls.enumeration.AlertDescription;
import io.smtpscope.tls.enumeration.ClientHelloBuilder;
import io.smtpscope.tls.enumeration.RawHello;
import io.smtpscope.tls.enumeration.ServerFlight;
import io.smtpscope.tls.enumeration.TlsVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TLS_FALLBACK_SCSV (RFC 7507): a client that retries with a lower version after a failed handshake marks the
 * retry with the suite value 0x5600; a server that supports a higher version must then abort with
 * inappropriate_fallback (RFC 7507 section 3), which is what stops an attacker from forcing a downgrade by
 * breaking handshakes. One hello, with the SCSV, at the highest version below both the server's highest and
 * TLS 1.2: from TLS 1.3 to 1.2 the downgrade sentinel in the ServerHello random protects TLS 1.3 clients
 * (RFC 8446 section 4.1.3), so, as for testssl.sh, a server without anything below TLS 1.2 offers no fallback.
 */
final class FallbackScsvCheck implements VulnerabilityCheck {
    static final String ID = "fallback_scsv";
    static final int FALLBACK_SCSV = 0x5600;
    static final int INAPPROPRIATE_FALLBACK = 86;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<CheckRequirement> requirements() {
        return List.of(CheckRequirement.tlsEndpoint(), FallbackScsvCheck::versionsKnown);
    }

    @Override
    public int maxConnections() {
        return 1;
    }

    private static java.util.Optional<String> versionsKnown(CheckContext context) {
        Map<String, Boolean> protocols = context.tls() == null ? null : context.tls().protocols();
        if (protocols == null) {
            return java.util.Optional.of("TLS versions were not enumerated (profile enumeration: off)");
        }
        return CheckRequirement.highestAccepted(protocols, TlsVersion.TLS13).isPresent() ? java.util.Optional.empty()
                : java.util.Optional.of("no TLS version accepted");
    }

    /** The highest accepted version below both the highest accepted one and TLS 1.2 (SSLv3 and up), or null. */
    static TlsVersion downgradeTo(Map<String, Boolean> protocols) {
        TlsVersion highest = CheckRequirement.highestAccepted(protocols, TlsVersion.TLS13).orElse(null);
        if (highest == null || highest == TlsVersion.SSLV3) {
            return null;
        }
        TlsVersion below = TlsVersion.values()[Math.min(highest.ordinal(), TlsVersion.TLS12.ordinal()) - 1];
        return CheckRequirement.highestAccepted(protocols, below).orElse(null);
    }

    @Override
    public Verdict run(CheckContext context) {
        Map<String, Boolean> protocols = context.tls().protocols();
        TlsVersion highest = CheckRequirement.highestAccepted(protocols, TlsVersion.TLS13).orElseThrow();
        TlsVersion fallback = downgradeTo(protocols);
        Evidence evidence = new Evidence().put("highest_version", highest.label());
        if (fallback == null) {
            evidence.put("sent", "nothing: no version below " + (highest.code() > TlsVersion.TLS12.code()
                    ? "TLS 1.2" : highest.label()) + " accepted");
            return Verdict.notVulnerable("no fallback possible: no protocol below "
                    + (highest.code() > TlsVersion.TLS12.code() ? "TLS 1.2 (TLS 1.3 to 1.2 is covered by the"
                    + " RFC 8446 downgrade sentinel)" : highest.label()) + " accepted", evidence);
        }
        evidence.put("sent", "ClientHello " + fallback.label() + " with TLS_FALLBACK_SCSV (0x5600)");
        List<Integer> suites = new ArrayList<>(FirstFlight.suites(context, fallback));
        suites.add(FALLBACK_SCSV);
        byte[] hello = new ClientHelloBuilder().version(fallback).suites(suites)
                .serverName(context.endpoint().serverName()).groups(RawHello.groups(fallback)).build();
        RawHello.Answer answer;
        try (Transport transport = context.openTls()) {
            answer = RawHello.exchange(transport, hello, fallback, context.tlsPhase("fallback-scsv"));
        } catch (CheckContext.NoConnection e) {
            return Verdict.notTested(e.getMessage(), evidence);
        }
        return judge(answer, fallback, evidence);
    }

    static Verdict judge(RawHello.Answer answer, TlsVersion fallback, Evidence evidence) {
        return switch (answer) {
            case RawHello.Answer.Answered a -> switch (a.flight()) {
                case ServerFlight.Alert alert when alert.description() == INAPPROPRIATE_FALLBACK -> {
                    evidence.put("received", "alert " + alert.describe());
                    yield Verdict.notVulnerable("the downgraded hello was refused with inappropriate_fallback", evidence);
                }
                case ServerFlight.Alert alert -> {
                    evidence.put("received", "alert " + AlertDescription.name(alert.description()));
                    yield Verdict.notTested("the server refused the downgraded hello with "
                            + alert.describe() + ", not inappropriate_fallback: inconclusive", evidence);
                }
                case ServerFlight.Hello h -> {
                    evidence.put("received", "ServerHello " + TlsVersion.describe(h.version()));
                    yield h.version() == fallback.code()
                            ? Verdict.vulnerable("the server accepted a downgraded " + fallback.label()
                            + " hello despite TLS_FALLBACK_SCSV", evidence)
                            : Verdict.notTested("the server answered with " + TlsVersion.describe(h.version())
                            + ", not the downgraded version", evidence);
                }
                default -> Verdict.notTested("unexpected answer to the downgraded hello", evidence);
            };
            case RawHello.Answer.Closed c -> {
                evidence.put("received", "connection closed without an alert");
                yield Verdict.notTested("the server closed the connection without an alert: inconclusive", evidence);
            }
            case RawHello.Answer.Failed f -> Verdict.notTested("no usable answer: " + f.reason(), evidence);
        };
    }
}
