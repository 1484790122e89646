package io.smtpscope.hostile;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2,000 endpoints that all time out at once: loopback listeners that never accept, so the kernel completes
 * each TCP handshake and then nothing is ever said. Every endpoint must end by its deadline with a named
 * error, and the run must complete.
 */
@DisplayName("hostile servers: 2,000 endpoints timing out at once")
class MassTimeoutTest {
    static final int ENDPOINTS = 2_000;
    private static HostileBatch batch;
    private static long wallMillis;

    /** Listeners that are never accepted from; each gets one connection, queued by the kernel. */
    private static final class SilentListeners implements AutoCloseable {
        final List<ServerSocket> sockets = new ArrayList<>();

        SilentListeners(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 4, InetAddress.getLoopbackAddress()));
            }
        }

        @Override
        public void close() {
            sockets.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            });
        }
    }

    @BeforeAll
    static void scanAll() throws Exception {
        // About 2 descriptors per endpoint (listener + client socket): say so plainly if the limit is too low.
        java.nio.file.Path limits = java.nio.file.Path.of("/proc/self/limits");
        if (java.nio.file.Files.isReadable(limits)) {
            java.nio.file.Files.readAllLines(limits).stream().filter(l -> l.startsWith("Max open files"))
                    .forEach(l -> System.out.println("this JVM's limit: " + l.replaceAll("\\s+", " ")));
        }
        batch = new HostileBatch();
        SilentListeners listeners = new SilentListeners(ENDPOINTS);
        for (int i = 0; i < ENDPOINTS; i++) {
            batch.add("silent-" + i, "starttls", listeners.sockets.get(i).getLocalPort(), i == 0 ? listeners : () -> { });
        }
        long start = System.nanoTime();
        batch.run();
        wallMillis = (System.nanoTime() - start) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    @Test
    @DisplayName("every one of 2,000 silent endpoints ends with a named error within its deadline")
    void everyEndpointEndsWithANamedError() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            EndpointResult r = batch.assertContained("silent-" + i);
            assertTrue(r.error() != null, "silent-" + i + " has no error");
            kinds.merge(r.error().phase() + "/" + r.error().kind(), 1, Integer::sum);
        }
        // All connect (the kernel accepts into the backlog) and then hear nothing.
        assertEquals(Map.of("banner/" + ErrorKind.BANNER_TIMEOUT, ENDPOINTS), kinds);
    }

    @Test
    @DisplayName("the run of 2,000 concurrent endpoints completes within one endpoint deadline (+ margin)")
    void runCompletes() {
        assertEquals(ENDPOINTS + 1, batch.report().endpoints().size());
        assertTrue(wallMillis <= HostileBatch.TOTAL.plus(HostileBatch.MARGIN).toMillis() * 2,
                () -> "the run took " + wallMillis + " ms");
    }

    @Test
    @DisplayName("the well-behaved server scanned in the same run is unaffected")
    void wellBehavedUnaffected() {
        batch.assertWellBehavedUnaffected();
    }
}
