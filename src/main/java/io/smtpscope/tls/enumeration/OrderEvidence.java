package io.smtpscope.tls.enumeration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the suite hellos of one version already tell about its order. A server that follows the client's order
 * answers each hello with the first suite of the offer that it accepts at all; one that answered some hello with
 * another accepted suite chose by an order of its own. Such a sighting saves {@link ServerOrder}'s reversed
 * hello; without one the question stays open (the server's order may simply agree with ours).
 */
final class OrderEvidence {
    private record Answer(List<Integer> offered, int chosen) {
    }

    private final List<Answer> answers = new ArrayList<>();

    /** One accepted hello: the suites it offered, in offer order, and the one the server chose. */
    void answered(List<Integer> offered, int chosen) {
        answers.add(new Answer(List.copyOf(offered), chosen));
    }

    /** True when some answer skipped an accepted suite offered before the one chosen. */
    boolean showsServerOrder(Collection<Integer> accepted) {
        for (Answer a : answers) {
            Integer firstAccepted = a.offered().stream().filter(accepted::contains).findFirst().orElse(null);
            if (firstAccepted != null && firstAccepted != a.chosen()) {
                return true;
            }
        }
        return false;
    }
}
