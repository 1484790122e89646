package io.smtpscope.tls.enumeration;

import io.smtpscope.result.TlsCertificateSeen;
import io.smtpscope.result.TlsExtensionsSeen;

import java.util.List;
import java.util.Set;

/**
 * What every answer tells besides what its hello asked: the certificates, the smallest DHE group and the TLS
 * 1.2-and-below extensions. Costs no connection of its own.
 */
final class HelloObservations {
    private final CertificatesSeen certificates = new CertificatesSeen();
    private Integer dhBits;
    private ServerFlight.Hello legacyHello;

    // a lane's answers, in order, to be replayed into its runner's observations (null: not a lane)
    private final List<ServerFlight.Hello> answered;

    HelloObservations() {
        this(false);
    }

    /** {@code replayable}: keeps every answer, for {@link #adopt}. */
    HelloObservations(boolean replayable) {
        this.answered = replayable ? new java.util.ArrayList<>() : null;
    }

    synchronized void observe(HelloExchange.Outcome outcome) {
        if (!(outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello h)) {
            return;
        }
        if (answered != null) {
            answered.add(h);
        }
        note(h);
    }

    /** Replays what {@code lane} saw, as though its hellos had come after every one seen here so far. */
    synchronized void adopt(HelloObservations lane) {
        List<ServerFlight.Hello> seen;
        synchronized (lane) {
            seen = List.copyOf(lane.answered);
        }
        for (ServerFlight.Hello h : seen) {
            if (answered != null) {
                answered.add(h);
            }
            note(h);
        }
    }

    private void note(ServerFlight.Hello h) {
        certificates.add(h.certificates());
        if (h.dhBits() != null) {
            dhBits = dhBits == null ? h.dhBits() : Math.min(dhBits, h.dhBits());
        }
        // The extensions of the highest TLS 1.2-or-below ServerHello: in TLS 1.3 they are encrypted (RFC 8446
        // section 4.3.1), and a HelloRetryRequest carries only what the retry needs.
        if (h.version() <= TlsVersion.TLS12.code() && !h.helloRetry()
                && (legacyHello == null || h.version() > legacyHello.version())) {
            legacyHello = h;
        }
    }

    synchronized Integer dhBits() {
        return dhBits;
    }

    synchronized List<TlsCertificateSeen> certificates() {
        return certificates.list();
    }

    /** The chain seen for each key type, leaf first: for DANE, never reported as such. */
    synchronized List<List<java.security.cert.X509Certificate>> chains() {
        return certificates.chains();
    }

    /** The extensions the highest TLS 1.2-or-below ServerHello carried; null when none was seen. */
    synchronized TlsExtensionsSeen extensions() {
        if (legacyHello == null) {
            return null;
        }
        Set<Integer> ext = legacyHello.extensions();
        return new TlsExtensionsSeen(ext.contains(ClientHelloBuilder.EXT_RENEGOTIATION_INFO),
                ext.contains(ClientHelloBuilder.EXT_EXTENDED_MASTER_SECRET),
                ext.contains(ClientHelloBuilder.EXT_SESSION_TICKET),
                ext.contains(ClientHelloBuilder.EXT_STATUS_REQUEST), legacyHello.alpn());
    }
}
