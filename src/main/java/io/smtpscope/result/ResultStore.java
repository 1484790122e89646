package io.smtpscope.result;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a scan keeps its judged results until the report is written. {@link #keep} is called from many threads as
 * results finish and returns a handle; {@link #list} turns the handles, in report order, into the report's list.
 * The in-memory store holds every result; a spilling store (report.SpillingResultStore) writes them to disk past a
 * threshold, so the handles of a large scan are small.
 */
public interface ResultStore {
    /** A kept result: the result itself, or where to read it back. */
    interface Kept {
    }

    Kept keep(EndpointResult result);

    List<EndpointResult> list(List<Kept> inReportOrder);

    /** Every result on the heap. */
    static ResultStore inMemory() {
        return InMemory.INSTANCE;
    }

    /** A result held as it is. */
    record Held(EndpointResult result) implements Kept {
    }

    final class InMemory implements ResultStore {
        private static final InMemory INSTANCE = new InMemory();

        private InMemory() {
        }

        @Override
        public Kept keep(EndpointResult result) {
            return new Held(result);
        }

        @Override
        public List<EndpointResult> list(List<Kept> inReportOrder) {
            List<EndpointResult> out = new ArrayList<>(inReportOrder.size());
            for (Kept k : inReportOrder) {
                out.add(((Held) k).result());
            }
            return out;
        }
    }
}
