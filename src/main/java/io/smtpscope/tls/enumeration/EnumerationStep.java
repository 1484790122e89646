package io.smtpscope.tls.enumeration;

import io.smtpscope.target.Endpoint;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.net.ConnectionSlots;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.target.Mode;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs TLS enumeration after the endpoint probe, on the same per-address permit, when the probe showed there
 * is TLS to enumerate: STARTTLS answered 220, or an implicit-TLS port that accepted the connection. A server
 * that already said 421 is left alone. On a TLS 1.3-only MX server, whose certificates no raw hello can read, it
 * makes one JSSE handshake more for a certificate of the other key type ({@link OtherKeyTypeHandshake}), on the
 * same permit and deadline, counted in {@code connections_used}.
 */
public final class EnumerationStep {
    private final EnumerationDepth depth;
    private final TlsEnumerator enumerator;
    private final OtherKeyTypeHandshake otherKeyType;

    public EnumerationStep(ProbeSettings settings, EnumerationDepth depth) {
        this.depth = depth;
        this.enumerator = new TlsEnumerator(settings, depth);
        this.otherKeyType = new OtherKeyTypeHandshake(settings);
    }

    /**
     * The endpoint's TLS facts: the probe's negotiated session, with the enumeration added when it ran, in what
     * the probe left of the endpoint's {@code deadline}.
     */
    public TlsResult apply(Endpoint endpoint, ProbeObservation probed, EndpointDeadline deadline) {
        return apply(endpoint, probed, deadline, ConnectionSlots.NONE);
    }

    /** As above, with hellos that do not depend on each other sent in parallel on the slots {@code slots} lends. */
    public TlsResult apply(Endpoint endpoint, ProbeObservation probed, EndpointDeadline deadline, ConnectionSlots slots) {
        return run(endpoint, probed, deadline, slots).tls();
    }

    /**
     * As {@link #apply(Endpoint, ProbeObservation, EndpointDeadline, ConnectionSlots)}, with the certificate chains
     * the enumeration saw beside the report's facts (none when it did not run).
     */
    public EnumerationOutcome run(Endpoint endpoint, ProbeObservation probed, EndpointDeadline deadline, ConnectionSlots slots) {
        if (depth == EnumerationDepth.OFF || !worthEnumerating(probed, endpoint.target().mode())) {
            return new EnumerationOutcome(probed.tls(), List.of());
        }
        EnumerationOutcome enumerated = enumerator.run(endpoint, probed.tls(), deadline, slots);
        if (!enumerated.chains().isEmpty() || probed.chainSeen().isEmpty() || probed.tls() == null
                || !TlsVersion.TLS13.label().equals(probed.tls().protocol()) || endpoint.target().mx() == null
                || deadline.passed()) {
            return enumerated;
        }
        // TLS 1.3 only: the raw hellos saw no certificate (encrypted). One handshake more asks for the other key type,
        // for an MX endpoint only: DANE and the comparison of a domain's MX addresses are what read it.
        X509Certificate probedLeaf = probed.chainSeen().get(0);
        List<List<X509Certificate>> chains = new ArrayList<>();
        chains.add(probed.chainSeen());
        otherKeyType.otherChain(endpoint, probedLeaf, deadline).ifPresent(chains::add);
        return new EnumerationOutcome(oneConnectionMore(enumerated.tls()), enumerated.skipped(), chains);
    }

    private static TlsResult oneConnectionMore(TlsResult t) {
        Integer used = t.connectionsUsed() == null ? 1 : t.connectionsUsed() + 1;
        return new TlsResult(t.protocol(), t.cipherSuite(), t.sni(), t.protocols(), t.cipherSuites(), t.serverPreference(),
                t.groups(), t.curves(), t.dhBits(), t.extensions(), used, t.certificatesSeen(), t.untested());
    }

    private static final java.util.Set<ErrorKind> SLOW_OR_NOT_TLS = java.util.Set.of(ErrorKind.BANNER_TIMEOUT,
            ErrorKind.IO_TIMEOUT, ErrorKind.DEADLINE_EXCEEDED, ErrorKind.HANDSHAKE_TIMEOUT, ErrorKind.NOT_TLS,
            ErrorKind.NOT_SMTP);

    /** Whether the probe showed TLS to talk to (STARTTLS answered 220, or an implicit-TLS port that accepted). */
    public static boolean worthEnumerating(ProbeObservation r, Mode mode) {
        if (r.reachability() != Reachability.OPEN || r.smtp() == null) {
            return false;
        }
        if (r.error() != null && (r.error().kind() == ErrorKind.RATE_LIMITED || r.error().phase().equals("connect"))) {
            return false;
        }
        // A server that was too slow for the probe, or that does not speak TLS where TLS belongs, would only make
        // each of the enumeration's many connections wait out its timeout: nothing is learnt from that.
        if (r.error() != null && SLOW_OR_NOT_TLS.contains(r.error().kind())) {
            return false;
        }
        StartTlsResult st = r.smtp().starttls();
        return switch (mode) {
            case STARTTLS -> st != null && st.code() != null && st.code() == 220;
            case IMPLICIT_TLS -> true;
            default -> false;
        };
    }
}
