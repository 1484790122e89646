package io.smtpscope.vuln;

import io.smtpscope.tls.enumeration.TlsVersion;

import java.util.List;

/**
 * Secure renegotiation (RFC 5746): a server that implements it answers a hello carrying renegotiation_info
 * with renegotiation_info of its own (section 3.6). One hello at the highest version up to TLS 1.2 (TLS 1.3
 * has no renegotiation). The hello carries the extension, not the SCSV: a server must treat both alike
 * (section 3.6), and the extension is what every client since 2010 sends.
 */
final class SecureRenegotiationCheck implements VulnerabilityCheck {
    static final String ID = "secure_renegotiation";
    static final int RENEGOTIATION_INFO = 0xFF01;

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
        Evidence evidence = new Evidence().put("sent", "ClientHello " + version.label()
                + " with an empty renegotiation_info extension");
        return switch (FirstFlight.open(context, version, FirstFlight.suites(context, version), b -> b, evidence,
                "secure-renegotiation")) {
            case FirstFlight.Result.NotOpen n -> n.verdict();
            case FirstFlight.Result.Open open -> {
                open.transport().close();
                boolean echoed = open.hello().extensions().contains(RENEGOTIATION_INFO);
                evidence.put("renegotiation_info", echoed ? "in the ServerHello" : "missing from the ServerHello");
                yield echoed ? Verdict.notVulnerable("the server supports secure renegotiation (RFC 5746)", evidence)
                        : Verdict.vulnerable("the ServerHello lacks renegotiation_info: RFC 5746 is not implemented",
                        evidence);
            }
        };
    }
}
