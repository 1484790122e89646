package io.smtpscope.result;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Subsets of a stored list keep positions and read results back; of an ordinary list they are ordinary lists. */
class EndpointListsTest {
    private static EndpointResult result(String host, int port, Reachability reachability) {
        return EndpointResult.unprobed(new io.smtpscope.target.Target(host + ":" + port, host, port,
                io.smtpscope.target.Mode.STARTTLS), "192.0.2.1", reachability, null, List.of());
    }

    /** A stored list that counts its reads: a subset that copied results would read each one once, and keep it. */
    private static final class Counting extends StoredEndpoints {
        private final List<EndpointResult> results;
        final AtomicInteger reads = new AtomicInteger();

        Counting(List<EndpointResult> results) {
            this.results = results;
        }

        @Override
        public EndpointResult get(int index) {
            reads.incrementAndGet();
            return results.get(index);
        }

        @Override
        public int size() {
            return results.size();
        }
    }

    private final List<EndpointResult> plain = List.of(result("a.example", 25, Reachability.OPEN),
            result("b.example", 25, Reachability.REFUSED), result("a.example", 587, Reachability.OPEN),
            result("c.example", 25, Reachability.OPEN));

    @Test
    void aSubsetOfASubsetOfAStoredListStillReadsBack() {
        Counting stored = new Counting(plain);
        List<EndpointResult> open = EndpointLists.filter(stored, e -> e.reachability() == Reachability.OPEN);
        List<EndpointResult> port25 = EndpointLists.filter(open, e -> e.port() == 25);
        assertInstanceOf(StoredEndpoints.class, port25, "positions, not results, at every level");
        assertEquals(List.of(plain.get(0), plain.get(3)), port25);
        int before = stored.reads.get();
        port25.get(1);
        assertEquals(before + 1, stored.reads.get(), "read back from the stored list on get");
        assertEquals(EndpointLists.filter(plain, e -> e.reachability() == Reachability.OPEN && e.port() == 25), port25);
    }

    @Test
    void groupsKeepFirstAppearanceOrderAndLeaveNullKeysOut() {
        Map<String, List<EndpointResult>> stored = EndpointLists.groupBy(new Counting(plain),
                e -> e.reachability() == Reachability.REFUSED ? null : e.host());
        Map<String, List<EndpointResult>> ordinary = EndpointLists.groupBy(plain,
                e -> e.reachability() == Reachability.REFUSED ? null : e.host());
        assertEquals(List.of("a.example", "c.example"), List.copyOf(stored.keySet()));
        assertEquals(ordinary, stored);
        assertEquals(List.of(plain.get(0), plain.get(2)), stored.get("a.example"));
        assertInstanceOf(StoredEndpoints.class, stored.get("a.example"));
    }
}
