package io.smtpscope.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Subsets of a list of results that do not hold the results themselves when the list is {@link StoredEndpoints}
 * (kept on disk): they keep the positions and read the results back when asked, so that diagnosing a spilled scan
 * does not load it whole. Of an ordinary list they are ordinary lists.
 */
public final class EndpointLists {
    private EndpointLists() {
    }

    /** The results {@code keep} accepts, in list order. */
    public static List<EndpointResult> filter(List<EndpointResult> all, Predicate<EndpointResult> keep) {
        if (!(all instanceof StoredEndpoints)) {
            return all.stream().filter(keep).toList();
        }
        Positions kept = new Positions(all);
        for (int i = 0; i < all.size(); i++) {
            if (keep.test(all.get(i))) {
                kept.add(i);
            }
        }
        return kept;
    }

    /**
     * The results grouped by {@code key}, groups in order of first appearance, results in list order; a null key
     * leaves the result out.
     */
    public static <K> Map<K, List<EndpointResult>> groupBy(List<EndpointResult> all, Function<EndpointResult, K> key) {
        boolean stored = all instanceof StoredEndpoints;
        Map<K, List<EndpointResult>> groups = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            EndpointResult e = all.get(i);
            K k = key.apply(e);
            if (k == null) {
                continue;
            }
            List<EndpointResult> group = groups.computeIfAbsent(k, x -> stored ? new Positions(all) : new ArrayList<>());
            if (stored) {
                ((Positions) group).add(i);
            } else {
                group.add(e);
            }
        }
        return groups;
    }

    /** Positions in a stored list, read back on {@code get}; stored itself, so a subset of it keeps positions too. */
    private static final class Positions extends StoredEndpoints {
        private final List<EndpointResult> source;
        private int[] positions = new int[8];
        private int size;

        Positions(List<EndpointResult> source) {
            this.source = source;
        }

        void add(int position) {
            if (size == positions.length) {
                positions = java.util.Arrays.copyOf(positions, size * 2);
            }
            positions[size++] = position;
        }

        @Override
        public EndpointResult get(int index) {
            java.util.Objects.checkIndex(index, size);
            return source.get(positions[index]);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
