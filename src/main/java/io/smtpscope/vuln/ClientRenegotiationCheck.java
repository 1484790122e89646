package io.smtpscope.vuln;

import io.smtpscope.smtp.Transport;
import io.smtpscope.tls.TlsContexts;
import io.smtpscope.tls.TlsTransport;
import io.smtpscope.tls.enumeration.TlsVersion;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.util.List;

/**
 * Client-initiated renegotiation (CVE-2011-1473): a full handshake with the JDK's TLS at the highest version up
 * to TLS 1.2, then a second one on the same session, started by us. A server that refuses answers with a
 * no_renegotiation alert (RFC 5246 section 7.2.2) or a fatal alert, or ignores the hello; one that accepts
 * completes the handshake. The records the server sent back are noted as they pass, so the verdict rests on
 * what came over the wire, not only on what the engine concluded.
 */
final class ClientRenegotiationCheck implements VulnerabilityCheck {
    static final String ID = "client_renegotiation";
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<CheckRequirement> requirements() {
        return List.of(CheckRequirement.tlsEndpoint(), CheckRequirement.acceptsUpTo(TlsVersion.TLS12));
    }

    @Override
    public int maxConnections() {
        return 1;
    }

    @Override
    public Verdict run(CheckContext context) {
        TlsVersion version = FirstFlight.legacyVersion(context);
        Evidence evidence = new Evidence().put("handshake", "full " + version.label() + " handshake (JDK TLS)");
        if (version == TlsVersion.SSLV3) {
            return Verdict.notTested("the JDK's TLS does not speak SSLv3, the only version up to TLS 1.2 accepted", evidence);
        }
        Transport raw;
        try {
            raw = context.openTls();
        } catch (CheckContext.NoConnection e) {
            return Verdict.notTested(e.getMessage(), evidence);
        }
        RecordSniffer sniffer = new RecordSniffer(raw);
        SSLEngine engine = TlsContexts.observingEngine(context.endpoint().addressText(), context.endpoint().port(),
                TlsContexts.sniName(context.endpoint().serverName()));
        engine.setEnabledProtocols(new String[]{version.label()});
        TlsTransport tls;
        try {
            tls = TlsTransport.handshake(sniffer, engine, context.tlsPhase("client-renegotiation"));
        } catch (IOException e) {
            sniffer.close();
            evidence.put("first_handshake", "failed: " + e.getMessage());
            return Verdict.notTested("the first handshake failed: " + e.getMessage(), evidence);
        }
        try {
            evidence.put("first_handshake", tls.session().getProtocol() + ", " + tls.session().getCipherSuite());
            sniffer.clear();
            evidence.put("sent", "a new ClientHello inside the session (renegotiation)");
            try {
                tls.renegotiate(context.tlsPhase("client-renegotiation"));
            } catch (IOException e) {
                evidence.put("records_received", describe(sniffer.types()));
                evidence.put("result", e.getMessage());
                return Verdict.notVulnerable("the server refused client-initiated renegotiation", evidence);
            }
            List<Integer> types = sniffer.types();
            evidence.put("records_received", describe(types));
            if (types.contains(HANDSHAKE) && !types.contains(ALERT)) {
                evidence.put("result", "second handshake completed: " + tls.session().getCipherSuite());
                return Verdict.vulnerable("the server completed a renegotiation the client started", evidence);
            }
            evidence.put("result", "no second handshake came back");
            return Verdict.notVulnerable("the server did not answer the renegotiation with a handshake", evidence);
        } finally {
            tls.close();
        }
    }

    private static String describe(List<Integer> types) {
        if (types.isEmpty()) {
            return "none";
        }
        return String.join(" ", types.stream().map(t -> switch (t) {
            case ALERT -> "alert";
            case HANDSHAKE -> "handshake";
            case 20 -> "change_cipher_spec";
            case 23 -> "application_data";
            default -> "type " + t;
        }).toList());
    }
}
