package io.smtpscope.tls.enumeration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Runs enumerations as their requirements allow, as TLS-Scanner's executor does: nobody orders them by hand
 * beyond the list order, which only decides among those ready at the same time (and so the order of the
 * hellos). Every enumeration ends either run or skipped with its reason.
 */
final class EnumerationScheduler {
    private EnumerationScheduler() {
    }

    /** Runs what is ready until nothing more is; returns the dimensions not (fully) enumerated, in that order. */
    static List<Skipped> run(List<? extends Enumeration> enumerations, EnumerationContext context) {
        List<Skipped> skipped = new ArrayList<>();
        List<Enumeration> pending = new ArrayList<>(enumerations);
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Iterator<Enumeration> it = pending.iterator(); it.hasNext(); ) {
                Enumeration enumeration = it.next();
                Requirement.Status status = status(enumeration, context);
                if (status instanceof Requirement.Status.Waiting) {
                    continue;
                }
                it.remove();
                progress = true;
                decide(enumeration, status, context).ifPresent(skipped::add);
                context.settle(enumeration.dimension());
            }
        }
        // Only a requirement that waits on a dimension nobody runs gets here: say which.
        for (Enumeration enumeration : pending) {
            String on = status(enumeration, context) instanceof Requirement.Status.Waiting w ? w.dimension() : "?";
            skipped.add(new Skipped(enumeration.dimension(), Skipped.Why.REQUIREMENT_NOT_MET, on + " never ran"));
        }
        return skipped;
    }

    private static Optional<Skipped> decide(Enumeration enumeration, Requirement.Status status, EnumerationContext context) {
        if (status instanceof Requirement.Status.Unmet unmet) {
            return Optional.of(new Skipped(enumeration.dimension(), Skipped.Why.REQUIREMENT_NOT_MET, unmet.reason()));
        }
        Optional<String> exhausted = context.runner().exhausted();
        if (exhausted.isPresent()) {
            return Optional.of(new Skipped(enumeration.dimension(), Skipped.Why.BUDGET_EXHAUSTED, exhausted.get()));
        }
        return enumeration.run(context).map(why -> new Skipped(enumeration.dimension(), Skipped.Why.COULD_NOT_TEST, why));
    }

    /** The first requirement that cannot hold decides; else the first still waiting; else all are met. */
    static Requirement.Status status(Enumeration enumeration, EnumerationContext context) {
        Requirement.Status waiting = null;
        for (Requirement requirement : enumeration.requirements()) {
            Requirement.Status status = requirement.check(context);
            if (status instanceof Requirement.Status.Unmet) {
                return status;
            }
            if (waiting == null && status instanceof Requirement.Status.Waiting) {
                waiting = status;
            }
        }
        return waiting != null ? waiting : Requirement.MET;
    }
}
