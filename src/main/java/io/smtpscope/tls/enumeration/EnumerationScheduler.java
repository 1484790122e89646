package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ConnectionSlots;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs enumerations as their requirements allow, as TLS-Scanner's executor does: nobody orders them by hand
 * beyond the list order, which only decides among those ready at the same time (and so the order of the
 * hellos). Every enumeration ends either run or skipped with its reason.
 * <p>
 * Those ready at the same time do not depend on each other (the suites of each version after the version
 * hellos): while the engine lends a connection slot ({@link ConnectionSlots}), a second one runs in parallel,
 * each on a lane of its own, and their observations are taken over in list order afterwards, so the result is
 * the same as one after another.
 */
final class EnumerationScheduler {
    private EnumerationScheduler() {
    }

    /** Runs what is ready until nothing more is; returns the dimensions not (fully) enumerated, in that order. */
    static List<Skipped> run(List<? extends Enumeration> enumerations, EnumerationContext context) {
        List<Skipped> skipped = new ArrayList<>();
        List<Enumeration> pending = new ArrayList<>(enumerations);
        while (!pending.isEmpty()) {
            List<Enumeration> ready = new ArrayList<>();
            List<Requirement.Status> statuses = new ArrayList<>();
            for (Enumeration enumeration : pending) {
                Requirement.Status status = status(enumeration, context);
                if (!(status instanceof Requirement.Status.Waiting)) {
                    ready.add(enumeration);
                    statuses.add(status);
                }
            }
            if (ready.isEmpty()) {
                break;
            }
            pending.removeAll(ready);
            for (Optional<Skipped> outcome : runReady(ready, statuses, context)) {
                outcome.ifPresent(skipped::add);
            }
            ready.forEach(enumeration -> context.settle(enumeration.dimension()));
        }
        // Only a requirement that waits on a dimension nobody runs gets here: say which.
        for (Enumeration enumeration : pending) {
            String on = status(enumeration, context) instanceof Requirement.Status.Waiting w ? w.dimension() : "?";
            skipped.add(new Skipped(enumeration.dimension(), Skipped.Why.REQUIREMENT_NOT_MET, on + " never ran"));
        }
        return skipped;
    }

    /** The outcome of each of {@code ready}, in its order; those with hellos to send share the lanes there are. */
    private static List<Optional<Skipped>> runReady(List<Enumeration> ready, List<Requirement.Status> statuses,
                                                   EnumerationContext context) {
        List<Optional<Skipped>> outcomes = new ArrayList<>();
        List<Integer> toRun = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            outcomes.add(Optional.empty());
            if (statuses.get(i) instanceof Requirement.Status.Unmet) {
                outcomes.set(i, decide(ready.get(i), statuses.get(i), context));
            } else {
                toRun.add(i);
            }
        }
        if (toRun.size() == 1) {
            int only = toRun.get(0);
            outcomes.set(only, decide(ready.get(only), statuses.get(only), context));
        } else if (toRun.size() > 1) {
            runInLanes(ready, statuses, toRun, outcomes, context);
        }
        return outcomes;
    }

    /**
     * Each enumeration on a lane runner of its own; this thread works through them on the endpoint's own slot,
     * and before each one starts a helper on a borrowed slot if there is one to borrow and work left for it.
     */
    private static void runInLanes(List<Enumeration> ready, List<Requirement.Status> statuses, List<Integer> toRun,
                                   List<Optional<Skipped>> outcomes, EnumerationContext context) {
        HelloRunner[] lanes = new HelloRunner[ready.size()];
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>(toRun);
        AtomicReference<RuntimeException> crash = new AtomicReference<>();
        List<Thread> helpers = new ArrayList<>();
        Runnable work = () -> {
            for (Integer i; (i = queue.poll()) != null; ) {
                HelloRunner lane = context.runner().lane();
                lanes[i] = lane;
                try {
                    Optional<Skipped> outcome = decide(ready.get(i), statuses.get(i), context.lane(lane));
                    synchronized (outcomes) {
                        outcomes.set(i, outcome);
                    }
                } catch (RuntimeException e) {
                    crash.compareAndSet(null, e);
                }
            }
        };
        while (queue.size() > 1) {
            Optional<ConnectionSlots.Slot> slot = context.slots().borrow();
            if (slot.isEmpty()) {
                break;
            }
            helpers.add(Thread.ofVirtual().name("tls-enumeration-lane").start(() -> {
                try (ConnectionSlots.Slot held = slot.get()) {
                    work.run();
                }
            }));
        }
        work.run();
        for (Thread helper : helpers) {
            join(helper);
        }
        if (crash.get() != null) {
            throw crash.get();
        }
        for (int i : toRun) {
            if (lanes[i] != null) {
                context.runner().adopt(lanes[i]);
            }
        }
    }

    private static void join(Thread helper) {
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            helper.interrupt();
        }
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
