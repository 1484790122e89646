package io.smtpscope.vuln;

import io.smtpscope.tls.enumeration.AlertDescription;
import io.smtpscope.tls.enumeration.TlsVersion;

import java.io.IOException;
import java.util.List;

/**
 * ChangeCipherSpec injection (CVE-2014-0224), as testssl.sh probes it: after the server's flight, before any key
 * exchange, a ChangeCipherSpec, then a second one. A fixed server refuses the first (unexpected_message, RFC
 * 5246 section 7.1) or closes; a vulnerable OpenSSL takes it, switches to keys derived from an empty master
 * secret, and fails to decrypt the second (decryption_failed or bad_record_mac).
 */
final class CcsInjectionCheck implements VulnerabilityCheck {
    static final String ID = "ccs_injection";
    static final long ANSWER_MILLIS = 3_000;
    static final int BAD_RECORD_MAC = AlertDescription.BAD_RECORD_MAC;
    static final int DECRYPTION_FAILED = AlertDescription.DECRYPTION_FAILED;

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
        Evidence evidence = new Evidence().put("sent", "ClientHello " + version.label());
        return switch (FirstFlight.open(context, version, FirstFlight.suites(context, version), b -> b, evidence, "ccs-injection")) {
            case FirstFlight.Result.NotOpen n -> n.verdict();
            case FirstFlight.Result.Open open -> {
                try (var transport = open.transport()) {
                    byte[] ccs = Records.record(Records.CHANGE_CIPHER_SPEC, version.code(), new byte[]{1});
                    transport.write(ccs, context.tlsPhase("ccs-injection"));
                    evidence.put("sent_early_ccs", "ChangeCipherSpec before any key exchange");
                    Records.Reply first = Records.read(transport, wait(context));
                    if (!(first instanceof Records.Reply.Silent)) { // an answer, a close, or the deadline
                        yield judge(first, "after the first ChangeCipherSpec", evidence);
                    }
                    try {
                        transport.write(ccs, context.tlsPhase("ccs-injection"));
                    } catch (IOException e) {
                        evidence.put("second_ccs", "could not be sent: " + e.getMessage());
                        yield Verdict.notVulnerable("the server closed the connection after the early ChangeCipherSpec",
                                evidence);
                    }
                    evidence.put("sent_second_ccs", "a second ChangeCipherSpec");
                    yield judge(Records.read(transport, wait(context)), "after the second ChangeCipherSpec", evidence);
                } catch (IOException e) {
                    evidence.put("received", "error: " + e.getMessage());
                    yield Verdict.notTested("no usable answer to the early ChangeCipherSpec: " + e.getMessage(), evidence);
                }
            }
        };
    }

    private static io.smtpscope.smtp.Deadline wait(CheckContext context) {
        return context.deadline().phase("ccs-injection", Math.min(ANSWER_MILLIS, context.settings().tlsTimeout().toMillis()));
    }

    static Verdict judge(Records.Reply reply, String when, Evidence evidence) {
        return switch (reply) {
            case Records.Reply.Record r -> {
                evidence.put("received", r.describe() + " " + when);
                int alert = r.alertDescription();
                if (alert == DECRYPTION_FAILED || alert == BAD_RECORD_MAC) {
                    yield Verdict.vulnerable("the server took the early ChangeCipherSpec and then failed to decrypt ("
                            + AlertDescription.name(alert) + ")", evidence);
                }
                if (alert == AlertDescription.UNEXPECTED_MESSAGE || alert == AlertDescription.HANDSHAKE_FAILURE) {
                    yield Verdict.notVulnerable("the server refused the early ChangeCipherSpec ("
                            + AlertDescription.name(alert) + ")", evidence);
                }
                yield Verdict.notTested("unexpected answer " + when + ": " + r.describe(), evidence);
            }
            case Records.Reply.Closed c -> {
                evidence.put("received", c.how() + " " + when);
                yield Verdict.notVulnerable("the server closed the connection " + when, evidence);
            }
            case Records.Reply.Cut c -> {
                evidence.put("received", "nothing before the endpoint deadline " + when);
                yield Verdict.notTested("the endpoint deadline ended the wait " + when, evidence);
            }
            case Records.Reply.Silent s -> {
                evidence.put("received", "nothing within " + ANSWER_MILLIS / 1000 + " s " + when);
                yield Verdict.notVulnerable("no answer " + when + " (testssl.sh counts silence as not vulnerable)",
                        evidence);
            }
        };
    }
}
