package io.smtpscope.report;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ResultStore;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.StoredEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spill of a large scan's results: what comes back is what went in, in report order, and the file is private. */
class SpillingResultStoreTest {
    @TempDir
    Path dir;

    /** The demo's endpoints (every kind of result: open, TLS, stripped, refused), repeated to pass the threshold. */
    private static List<EndpointResult> results() throws Exception {
        List<EndpointResult> demo = ScanFixtures.demo().endpoints();
        List<EndpointResult> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.addAll(demo);
        }
        return out;
    }

    private static List<ResultStore.Kept> keepAll(ResultStore store, List<EndpointResult> results) {
        return results.stream().map(store::keep).toList();
    }

    @Test
    void spilledResultsComeBackEqualInReportOrder() throws Exception {
        List<EndpointResult> results = results();
        List<String> warnings = new ArrayList<>();
        try (SpillingResultStore store = new SpillingResultStore(2, dir, warnings::add)) {
            List<ResultStore.Kept> kept = keepAll(store, results);
            assertTrue(kept.stream().filter(k -> k instanceof SpillingResultStore.OnDisk).count() == results.size() - 2,
                    "all but the first two spilled: " + kept);
            // report order is not keeping order: the engine hands handles back in target order
            List<ResultStore.Kept> reversed = new ArrayList<>(kept).reversed();
            List<EndpointResult> list = store.list(reversed);
            assertEquals(results.reversed(), list);
            for (int i = 0; i < results.size(); i++) {
                assertEquals(results.get(results.size() - 1 - i), list.get(i), "get(" + i + ")");
            }
            Iterator<EndpointResult> it = store.list(kept).iterator();
            for (EndpointResult expected : results) {
                assertEquals(expected, it.next());
            }
            assertFalse(it.hasNext());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aReportFromSpilledResultsIsByteIdenticalToTheInMemoryOne() throws Exception {
        ScanReport demo = ScanFixtures.demo();
        try (SpillingResultStore store = new SpillingResultStore(0, dir, w -> { })) {
            ScanReport spilled = demo.withEndpoints(store.list(keepAll(store, demo.endpoints())));
            assertInstanceOf(StoredEndpoints.class, spilled.endpoints(), "the report keeps the stored list, no copy");
            StringWriter a = new StringWriter();
            StringWriter b = new StringWriter();
            new JsonReportWriter().write(demo.withEndpoints(List.copyOf(demo.endpoints())), a);
            new JsonReportWriter().write(spilled, b);
            assertEquals(a.toString(), b.toString());
        }
    }

    @Test
    void anEmptyStoreGivesAnEmptyListAndNoFile() {
        try (SpillingResultStore store = new SpillingResultStore(0, dir, w -> { })) {
            List<EndpointResult> list = store.list(List.of());
            assertTrue(list.isEmpty());
            assertFalse(list.iterator().hasNext());
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(0));
            assertNull(store.path(), "nothing spilled, nothing written");
        }
    }

    @Test
    void theSpillFileIsTheOwnersAloneAndGoneOnClose() throws Exception {
        Path file;
        List<EndpointResult> list;
        try (SpillingResultStore store = new SpillingResultStore(0, dir, w -> { })) {
            list = store.list(keepAll(store, results()));
            file = store.path();
            assertNotNull(file);
            assertTrue(file.startsWith(dir), file.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.size(file) > 0);
        }
        assertFalse(Files.exists(file), "deleted on close");
        assertThrows(java.io.UncheckedIOException.class, () -> list.get(0), "a closed store says so, never returns junk");
    }

    @Test
    void aFailedWriteKeepsEveryResultOnTheHeapWithOneWarning() throws Exception {
        List<EndpointResult> results = results();
        List<String> warnings = new ArrayList<>();
        Path missing = dir.resolve("no-such-directory");
        try (SpillingResultStore store = new SpillingResultStore(1, missing, warnings::add)) {
            List<EndpointResult> list = store.list(keepAll(store, results));
            assertEquals(results, list, "no result lost");
            assertSame(results.get(5), list.get(5), "kept as it was, on the heap");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("keeping the rest in memory"), warnings.get(0));
        }
    }
}
