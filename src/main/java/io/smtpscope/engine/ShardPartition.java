package io.smtpscope.engine;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Shard;
import io.smtpscope.target.Target;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Chooses one shard's part of a plan. Every shard plans the whole target list (MX, then A/AAAA of every host), so
 * every shard sees the same targets in the same order; then targets are grouped into connected components over
 * what they share: a mail domain ({@code domain:}), an address ({@code address:}), or, for a name that did not
 * resolve and came from no domain, the name ({@code host:}). A component goes whole to the shard its smallest key
 * hashes to ({@link Shard#of}). So all endpoints of one address, and all MX hosts of one domain, are in one shard:
 * the per-address limit and the per-domain and per-host conclusions hold across shards.
 * <p>
 * The price: each shard looks up every name (N times the DNS queries of one run), and a provider that hosts many
 * domains pulls them all into one component, so shards can be uneven. The choice is deterministic given the same
 * target list and the same DNS answers; the planner must use a {@link RememberingResolver}, so the scan connects to
 * the addresses the choice was made on.
 */
public final class ShardPartition {
    private ShardPartition() {
    }

    /** The part of {@code plan} that belongs to {@code shard}, in plan order. */
    public static EndpointPlanner.Plan select(EndpointPlanner.Plan plan, EndpointPlanner planner, Shard shard, int parallelism) {
        List<List<String>> targetKeys = keysOfAll(plan.targets(), planner, parallelism);
        List<List<String>> finishedKeys = plan.finished().stream()
                .map(f -> List.of(f.mx() != null ? domainKey(f.mx().domain()) : hostKey(f.host()))).toList();
        Components components = new Components();
        targetKeys.forEach(components::join);
        finishedKeys.forEach(components::join);
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < plan.targets().size(); i++) {
            if (shard.owns(components.representative(targetKeys.get(i).getFirst()))) {
                targets.add(plan.targets().get(i));
            }
        }
        List<EndpointResult> finished = new ArrayList<>();
        for (int i = 0; i < plan.finished().size(); i++) {
            if (shard.owns(components.representative(finishedKeys.get(i).getFirst()))) {
                finished.add(plan.finished().get(i));
            }
        }
        return new EndpointPlanner.Plan(targets, finished);
    }

    /**
     * The partition keys of one target: its mail domain, every address planning gave it (scanned or kept out of
     * scope), and its name when there is nothing else.
     */
    static List<String> keys(Target target, EndpointPlanner.Planned planned) {
        List<String> keys = new ArrayList<>();
        if (target.mx() != null) {
            keys.add(domainKey(target.mx().domain()));
        }
        for (Endpoint e : planned.endpoints()) {
            keys.add("address:" + e.addressText());
        }
        for (EndpointResult outOfScope : planned.notScanned()) {
            if (outOfScope.address() != null) {
                keys.add("address:" + outOfScope.address());
            }
        }
        if (keys.isEmpty()) {
            keys.add(hostKey(target.host()));
        }
        return keys;
    }

    private static String domainKey(String domain) {
        return "domain:" + domain.toLowerCase(Locale.ROOT);
    }

    private static String hostKey(String host) {
        return "host:" + host.toLowerCase(Locale.ROOT);
    }

    /**
     * Every target's partition keys, in target order, resolved at most {@code parallelism} at a time: a task is
     * started only when a slot is free, so a list of a million targets never holds a million waiting threads, and
     * only the keys are kept, not the planned endpoints (the scan plans each target again, from remembered answers).
     */
    private static List<List<String>> keysOfAll(List<Target> targets, EndpointPlanner planner, int parallelism) {
        Semaphore slots = new Semaphore(Math.max(1, parallelism));
        List<Future<List<String>>> pending = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Target target : targets) {
                slots.acquireUninterruptibly();
                pending.add(executor.submit(() -> {
                    try {
                        return keys(target, planner.endpoints(target));
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<List<String>> out = new ArrayList<>(targets.size());
            for (int i = 0; i < pending.size(); i++) {
                out.add(await(pending.get(i), targets.get(i)));
            }
            return out;
        }
    }

    private static List<String> await(Future<List<String>> future, Target target) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving targets for the shard", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // The planner turns DNS failures into results; anything else is a bug, and the target keeps its name as key.
            return List.of(hostKey(target.host()));
        }
    }

    /** Union-find over partition keys; a component's representative is its smallest key, whatever the join order. */
    private static final class Components {
        private final Map<String, String> parent = new HashMap<>();

        void join(List<String> keys) {
            String first = find(keys.getFirst());
            for (String key : keys.subList(1, keys.size())) {
                String other = find(key);
                if (!other.equals(first)) {
                    // The smaller key becomes the root, so the root is the component's minimum.
                    if (other.compareTo(first) < 0) {
                        parent.put(first, other);
                        first = other;
                    } else {
                        parent.put(other, first);
                    }
                }
            }
        }

        String representative(String key) {
            return find(key);
        }

        private String find(String key) {
            String root = key;
            while (true) {
                String up = parent.getOrDefault(root, root);
                if (up.equals(root)) {
                    break;
                }
                root = up;
            }
            // Path compression keeps later finds short on big fleets.
            String node = key;
            while (!node.equals(root)) {
                String up = parent.get(node);
                parent.put(node, root);
                node = up;
            }
            return root;
        }
    }
}
