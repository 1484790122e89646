package io.smtpscope.tls.enumeration;

import io.smtpscope.probe.Endpoint;
import io.smtpscope.probe.ProbeSettings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Budget and honesty: a server that refuses service is retried a bounded number of times, then reported as untested. */
class TlsEnumeratorTest {
    private static final ProbeSettings FAST = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** Answers every connection with {@code greeting} and closes it; counts connections. */
    private static final class OneLineServer implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();

        OneLineServer(String greeting) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                        OutputStream out = s.getOutputStream();
                        out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        Endpoint endpoint() {
            int port = server.getLocalPort();
            return new Endpoint(new Target("127.0.0.1:" + port, "127.0.0.1", port, Mode.STARTTLS),
                    InetAddress.getLoopbackAddress(), null);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void serviceBusyEverywhereMeansCouldNotTestWithBoundedRetries() throws Exception {
        try (OneLineServer busy = new OneLineServer("421 4.7.0 too many connections, try later\r\n")) {
            TlsResult r = new TlsEnumerator(FAST, EnumerationDepth.FULL, 400, Duration.ofMinutes(1), 1)
                    .enumerate(busy.endpoint(), null);
            for (TlsVersion v : TlsVersion.values()) {
                assertNull(r.protocols().get(v.label()), v.label() + " must be could-not-test, not guessed");
                assertTrue(r.protocols().containsKey(v.label()));
            }
            assertTrue(r.cipherSuites().isEmpty());
            assertNull(r.groups());
            // 6 versions x (1 try + 3 retries), counted both by us and by the server
            assertEquals(24, r.connectionsUsed());
            assertEquals(24, busy.connections.get());
        }
    }

    @Test
    void connectionBudgetIsAHardCap() throws Exception {
        try (OneLineServer busy = new OneLineServer("421 4.7.0 busy\r\n")) {
            TlsResult r = new TlsEnumerator(FAST, EnumerationDepth.FULL, 5, Duration.ofMinutes(1), 1)
                    .enumerate(busy.endpoint(), null);
            assertEquals(5, r.connectionsUsed());
            assertEquals(5, busy.connections.get());
        }
    }

    @Test
    void permanentRefusalIsNotRetried() throws Exception {
        try (OneLineServer closed = new OneLineServer("554 5.7.1 no service for you\r\n")) {
            TlsResult r = new TlsEnumerator(FAST, EnumerationDepth.PROTOCOLS, 400, Duration.ofMinutes(1), 1)
                    .enumerate(closed.endpoint(), null);
            assertEquals(6, r.connectionsUsed(), "one per version, no retries for a 554");
            assertNull(r.cipherSuites(), "protocols depth reports no suites");
        }
    }
}
