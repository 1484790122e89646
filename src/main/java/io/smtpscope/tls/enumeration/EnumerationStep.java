package io.smtpscope.tls.enumeration;

import io.smtpscope.probe.Endpoint;
import io.smtpscope.probe.ErrorKind;
import io.smtpscope.probe.ProbeSettings;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.target.Mode;

/**
 * Runs TLS enumeration after the endpoint probe, on the same per-address permit, when the probe showed there
 * is TLS to enumerate: STARTTLS answered 220, or an implicit-TLS port that accepted the connection. A server
 * that already said 421 is left alone.
 */
public final class EnumerationStep {
    private final EnumerationDepth depth;
    private final TlsEnumerator enumerator;

    public EnumerationStep(ProbeSettings settings, EnumerationDepth depth) {
        this.depth = depth;
        this.enumerator = new TlsEnumerator(settings, depth);
    }

    public EndpointResult apply(Endpoint endpoint, EndpointResult probed) {
        if (depth == EnumerationDepth.OFF || !worthEnumerating(probed)) {
            return probed;
        }
        return probed.withTls(enumerator.enumerate(endpoint, probed.tls()));
    }

    static boolean worthEnumerating(EndpointResult r) {
        if (r.reachability() != Reachability.OPEN || r.smtp() == null) {
            return false;
        }
        if (r.error() != null && (r.error().kind().equals(ErrorKind.RATE_LIMITED) || r.error().phase().equals("connect"))) {
            return false;
        }
        StartTlsResult st = r.smtp().starttls();
        return switch (r.mode()) {
            case STARTTLS -> st != null && st.code() != null && st.code() == 220;
            case IMPLICIT_TLS -> true;
            default -> false;
        };
    }
}
