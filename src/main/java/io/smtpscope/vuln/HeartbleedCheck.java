package io.smtpscope.vuln;

import io.smtpscope.smtp.Deadline;
import io.smtpscope.tls.enumeration.TlsVersion;

import java.io.IOException;
import java.util.List;

/**
 * Heartbleed (CVE-2014-0160), as testssl.sh probes it: a hello offering the heartbeat extension (RFC 6520), and
 * after the server's flight one HeartbeatRequest whose payload_length (16384) claims far more than the record
 * carries (none). RFC 6520 section 4 says to discard such a message silently; a vulnerable OpenSSL echoes
 * payload_length bytes of its memory. Of what comes back only the length and a SHA-256 are kept.
 */
final class HeartbleedCheck implements VulnerabilityCheck {
    static final String ID = "heartbleed";
    static final int HEARTBEAT_EXTENSION = 15;
    static final int CLAIMED_LENGTH = 0x4000;
    /** How long a silent server is given to answer the heartbeat: one that discards it never will. */
    static final long ANSWER_MILLIS = 3_000;

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
                + " with the heartbeat extension (peer_allowed_to_send)");
        return switch (FirstFlight.open(context, version, FirstFlight.suites(context, version),
                b -> b.extension(HEARTBEAT_EXTENSION, new byte[]{1}), evidence, "heartbleed")) {
            case FirstFlight.Result.NotOpen n -> n.verdict();
            case FirstFlight.Result.Open open -> {
                try (var transport = open.transport()) {
                    if (!open.hello().extensions().contains(HEARTBEAT_EXTENSION)) {
                        evidence.put("heartbeat_extension", "not in the ServerHello");
                        yield Verdict.notVulnerable("the server does not negotiate heartbeats", evidence);
                    }
                    evidence.put("heartbeat_extension", "in the ServerHello");
                    byte[] request = {1, (byte) (CLAIMED_LENGTH >> 8), (byte) CLAIMED_LENGTH};
                    transport.write(Records.record(Records.HEARTBEAT, version.code(), request), context.tlsPhase("heartbleed"));
                    evidence.put("heartbeat_request", "payload_length " + CLAIMED_LENGTH + ", payload 0 bytes");
                    Deadline wait = context.deadline().phase("heartbleed", Math.min(ANSWER_MILLIS,
                            context.settings().tlsTimeout().toMillis()));
                    yield judge(Records.read(transport, wait), evidence);
                } catch (IOException e) {
                    evidence.put("received", "error: " + e.getMessage());
                    yield Verdict.notTested("no usable answer to the heartbeat: " + e.getMessage(), evidence);
                }
            }
        };
    }

    static Verdict judge(Records.Reply reply, Evidence evidence) {
        return switch (reply) {
            case Records.Reply.Record r when r.type() == Records.HEARTBEAT -> {
                // The body is the server's memory when it is longer than what we sent: keep a length and hash only.
                evidence.digest("heartbeat_response", r.body(), r.body().length);
                // type and length (3) and the padding (16, RFC 6520 section 4) are all a response to an empty
                // payload may hold: anything more came from the server's memory
                yield r.body().length > 3 + 16
                        ? Verdict.vulnerable("the server answered with " + r.body().length
                        + " bytes to a heartbeat that carried none", evidence)
                        : Verdict.notVulnerable("the heartbeat response carried no payload", evidence);
            }
            case Records.Reply.Record r -> {
                evidence.put("received", r.describe());
                yield Verdict.notVulnerable("the server refused the malformed heartbeat (" + r.describe() + ")", evidence);
            }
            case Records.Reply.Closed c -> {
                evidence.put("received", c.how());
                yield Verdict.notVulnerable("the server closed the connection instead of answering the heartbeat", evidence);
            }
            case Records.Reply.Cut c -> {
                evidence.put("received", "nothing before the endpoint deadline");
                yield Verdict.notTested("the endpoint deadline ended the wait for an answer to the heartbeat", evidence);
            }
            case Records.Reply.Silent s -> {
                evidence.put("received", "nothing within " + ANSWER_MILLIS / 1000 + " s");
                yield Verdict.notVulnerable("the malformed heartbeat was discarded, as RFC 6520 section 4 requires",
                        evidence);
            }
        };
    }
}
