package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;

import java.util.Map;

/**
 * Without enumeration, the session the probe negotiated still shows the server's best protocol: our client
 * offers up to TLS 1.3, so a lower version there is the most the server accepts. Enumeration results, when
 * present, are judged by the enumeration rules instead.
 */
final class NegotiatedTlsRules {
    private NegotiatedTlsRules() {
    }

    static void apply(EndpointResult e, JudgePolicy policy, Emitter out) {
        if (e.tls() == null || e.tls().protocols() != null) {
            return;
        }
        int rank = JudgePolicy.tlsRank(e.tls().protocol());
        if (rank >= 0 && rank < JudgePolicy.tlsRank(policy.minTlsVersion())) {
            out.emit("TLS_LEGACY_PROTOCOL", Map.of("protocols", e.tls().protocol() + " (the best it negotiated; the profile's"
                    + " minimum is " + policy.minTlsVersion() + ")"));
        }
    }
}
