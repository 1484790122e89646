package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.MxOrigin;

import java.util.Map;

/** How a mail domain publishes its mail hosts: null MX (RFC 7505), implicit MX and MX targets (RFC 5321 section 5.1). */
final class MxRules {
    private MxRules() {
    }

    static void apply(EndpointResult e, Emitter out) {
        MxOrigin mx = e.mx();
        if (mx == null || mx.host() == null) {
            return; // a named host, or a domain whose MX lookup failed (DNS_ERROR says so)
        }
        if (mx.isNullMx()) {
            out.emit("NULL_MX", Map.of("domain", mx.domain()));
        } else if (mx.implicit()) {
            out.emit("MX_IMPLICIT", Map.of("domain", mx.domain()));
        } else if (HostSyntax.isIpLiteral(mx.host())) {
            out.emit("MX_TARGET_IS_ADDRESS", Map.of("domain", mx.domain(), "mx_host", mx.host(),
                    "preference", String.valueOf(mx.preference())));
        }
    }
}
