package io.smtpscope.tls.enumeration;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the server enforces its own suite order: shown by the suite hellos themselves ({@link OrderEvidence}),
 * or else asked with one hello of the accepted suites reversed.
 */
final class ServerOrder {
    private ServerOrder() {
    }

    /**
     * Offered in our order the server chose {@code accepted.get(0)} first; offered reversed, a server that
     * enforces its own order still chooses it, one that follows the client chooses the other end. Null when
     * there is nothing to tell (one suite, too many for one hello, or no answer).
     */
    static Boolean enforced(HelloRunner runner, TlsVersion v, List<Integer> accepted, int suitesPerHello,
                            OrderEvidence evidence) {
        if (accepted.size() < 2) {
            return null; // with one suite there is no order to enforce
        }
        if (evidence.showsServerOrder(accepted)) {
            return true; // no hello needed: the server already passed over a suite we preferred
        }
        List<Integer> reversed = HelloOffers.chunk(new ArrayList<>(accepted).reversed(), suitesPerHello);
        if (reversed.size() < accepted.size()) {
            return null; // too many accepted suites to offer at once to this server
        }
        return runner.hello(v, reversed, HelloOffers.allGroups(v)).accepted(v)
                .map(h -> h.cipherSuite() == accepted.get(0)).orElse(null);
    }
}
