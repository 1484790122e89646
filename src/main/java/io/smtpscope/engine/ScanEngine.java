package io.smtpscope.engine;

import io.smtpscope.net.ConnectionSlots;
import io.smtpscope.target.Endpoint;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ResultStore;
import io.smtpscope.target.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs observations concurrently on virtual threads, with a global limit and a per-address limit so that a
 * scan never floods one server. Both limits count connections: an endpoint holds one slot of each while it is
 * observed, and may borrow more for parallel connections while both limits have room ({@link ConnectionSlots}),
 * so that at the end of a scan, when no endpoint is left waiting, the running ones fill the free slots. One
 * failing endpoint never stops the others: each result, including a crash turned into an {@code internal-error},
 * is kept, and handed to {@code onResult} as soon as it is done.
 */
public final class ScanEngine {
    private final int concurrency;
    private final int perAddress;
    private final BiFunction<Endpoint, ConnectionSlots, EndpointResult> probe;
    private final UnaryOperator<EndpointResult> judge;
    private final ConcurrentHashMap<String, Semaphore> addressPermits = new ConcurrentHashMap<>();

    /** {@code judge} is applied to every result, probed or not (a DNS failure is judged too). */
    public ScanEngine(int concurrency, int perAddress, Function<Endpoint, EndpointResult> probe,
                      UnaryOperator<EndpointResult> judge) {
        this(concurrency, perAddress, (endpoint, slots) -> probe.apply(endpoint), judge);
    }

    /** As above, with a probe that may borrow connection slots for parallel connections to its endpoint. */
    public ScanEngine(int concurrency, int perAddress, BiFunction<Endpoint, ConnectionSlots, EndpointResult> probe,
                      UnaryOperator<EndpointResult> judge) {
        if (concurrency < 1 || perAddress < 1) {
            throw new IllegalArgumentException("concurrency limits must be at least 1");
        }
        this.concurrency = concurrency;
        this.perAddress = perAddress;
        this.probe = probe;
        this.judge = judge;
    }

    /**
     * Scans every target; results come back in target order, addresses in resolver order (those kept out of the
     * scan first, as they are known before any connection).
     */
    public List<EndpointResult> scan(List<Target> targets, EndpointPlanner planner, Consumer<EndpointResult> onResult) {
        return ResultStore.inMemory().list(scan(targets, planner, onResult, ResultStore.inMemory()));
    }

    /**
     * As above, each judged result handed to {@code store} as soon as it is done (a store may move it off the heap):
     * returns the handles, in target order.
     */
    public List<ResultStore.Kept> scan(List<Target> targets, EndpointPlanner planner, Consumer<EndpointResult> onResult,
                                       ResultStore store) {
        // fair: a slot given back goes to the endpoint waiting longest, never to a borrower barging in
        Semaphore global = new Semaphore(concurrency, true);
        // The futures hold handles, not results: a store that spills keeps a large scan's heap small.
        List<Future<List<ResultStore.Kept>>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Target target : targets) {
                futures.add(executor.submit(() -> scanTarget(target, planner, global, onResult, store)));
            }
            List<ResultStore.Kept> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.addAll(await(futures.get(i), targets.get(i), store));
            }
            return results;
        }
    }

    private List<ResultStore.Kept> scanTarget(Target target, EndpointPlanner planner, Semaphore global,
                                              Consumer<EndpointResult> onResult, ResultStore store)
            throws InterruptedException {
        EndpointPlanner.Planned planned = planner.endpoints(target);
        if (planned.failure() != null) {
            EndpointResult failure = judge.apply(planned.failure());
            onResult.accept(failure);
            return List.of(store.keep(failure));
        }
        List<ResultStore.Kept> results = new ArrayList<>();
        for (EndpointResult outOfScope : planned.notScanned()) {
            EndpointResult judged = judge.apply(outOfScope);
            onResult.accept(judged);
            results.add(store.keep(judged));
        }
        for (Endpoint endpoint : planned.endpoints()) {
            EndpointResult result = judge.apply(scanEndpoint(endpoint, global));
            onResult.accept(result);
            results.add(store.keep(result));
        }
        return results;
    }

    private EndpointResult scanEndpoint(Endpoint endpoint, Semaphore global) throws InterruptedException {
        // Per-address permit first: waiting for a busy server must not hold a global slot others could use.
        Semaphore local = addressPermits.computeIfAbsent(endpoint.addressText(), a -> new Semaphore(perAddress));
        local.acquire();
        try {
            global.acquire();
            try {
                return probe.apply(endpoint, () -> borrow(local, global));
            } catch (RuntimeException e) {
                return crashed(endpoint, e);
            } finally {
                global.release();
            }
        } finally {
            local.release();
        }
    }

    /** A slot of both limits if both have one free right now (a waiting endpoint has taken any given back). */
    private static Optional<ConnectionSlots.Slot> borrow(Semaphore local, Semaphore global) {
        if (local.hasQueuedThreads() || !local.tryAcquire()) {
            return Optional.empty();
        }
        if (global.hasQueuedThreads() || !global.tryAcquire()) {
            local.release();
            return Optional.empty();
        }
        AtomicBoolean returned = new AtomicBoolean();
        return Optional.of(() -> {
            if (returned.compareAndSet(false, true)) {
                global.release();
                local.release();
            }
        });
    }

    private static List<ResultStore.Kept> await(Future<List<ResultStore.Kept>> future, Target target, ResultStore store) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException e) {
            return List.of(store.keep(EndpointResult.unprobed(target, null, Reachability.UNREACHABLE,
                    new ProbeError("connect", ErrorKind.INTERNAL_ERROR, "internal error: " + e.getCause()), List.of())));
        }
    }

    /** A probe that threw: still one result, with the MX origin the probe would have carried (the MX rules read it). */
    private static EndpointResult crashed(Endpoint endpoint, RuntimeException e) {
        Target target = endpoint.target();
        return EndpointResult.unprobed(target, endpoint.addressText(), Reachability.OPEN,
                new ProbeError("connect", ErrorKind.INTERNAL_ERROR, "internal error: " + e), List.of());
    }
}
