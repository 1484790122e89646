package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.target.FanOut;

import java.util.Map;

/** What planning left unscanned around an endpoint: MX hosts of its mail domain, addresses of its name. */
final class FanOutRules {
    private FanOutRules() {
    }

    static void apply(EndpointResult e, Emitter out) {
        FanOut fanOut = e.fanOut();
        if (fanOut == null) {
            return;
        }
        if (fanOut.mxHosts() != null) {
            out.emit("MX_HOSTS_CAPPED", Map.of("domain", e.mx() != null ? e.mx().domain() : e.host(),
                    "found", Integer.toString(fanOut.mxHosts().found()), "scanned", Integer.toString(fanOut.mxHosts().scanned())));
        }
        if (fanOut.addresses() != null) {
            out.emit("ADDRESSES_CAPPED", Map.of("host", e.host(), "found", Integer.toString(fanOut.addresses().found()),
                    "scanned", Integer.toString(fanOut.addresses().scanned())));
        }
    }
}
