package io.smtpscope.tls.enumeration;

import io.smtpscope.target.Endpoint;
import io.smtpscope.net.ProbeSettings;
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

    private static TlsResult enumerateImplicit(FakeTls12Server server) throws Exception {
        Endpoint endpoint = new Endpoint(new Target("127.0.0.1:" + server.port(), "127.0.0.1", server.port(), Mode.IMPLICIT_TLS),
                InetAddress.getLoopbackAddress(), null);
        return new TlsEnumerator(FAST, EnumerationDepth.FULL, 400, Duration.ofMinutes(1), 1).enumerate(endpoint, null);
    }

    private static final java.util.List<Integer> SERVER_SUITES = java.util.List.of(0xC030, 0xC02F, 0x009C, 0x002F);

    @Test
    void serverOrderIsDetectedAndReported() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, Integer.MAX_VALUE)) {
            TlsResult r = enumerateImplicit(server);
            assertEquals(true, r.protocols().get("TLSv1.2"));
            assertEquals(false, r.protocols().get("TLSv1.3"));
            assertEquals(java.util.List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"), r.cipherSuites().get("TLSv1.2"));
            assertEquals(true, r.serverPreference().get("TLSv1.2"));
            // 6 version probes + 4 more hellos (3 accepted, 1 refused) + 1 ECDHE-curve hello, whose answer has no
            // ServerKeyExchange: the curves stay unknown rather than guessed. No reversed-order hello: the answers
            // passed over suites offered first, which shows the server's order (OrderEvidence)
            assertEquals(11, r.connectionsUsed());
            assertEquals(11, server.connections.get());
            assertNull(r.curves());
        }
    }

    @Test
    void clientOrderIsDetected() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, false, Integer.MAX_VALUE)) {
            TlsResult r = enumerateImplicit(server);
            assertEquals(java.util.Set.copyOf(SERVER_SUITES.stream().map(CipherSuiteRegistry.bundled()::name).toList()),
                    java.util.Set.copyOf(r.cipherSuites().get("TLSv1.2")));
            assertEquals(false, r.serverPreference().get("TLSv1.2"));
        }
    }

    @Test
    void serverThatDropsBigHellosIsEnumeratedInChunks() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, VersionEnumeration.SMALL_HELLO_SUITES)) {
            TlsResult r = enumerateImplicit(server);
            assertEquals(true, r.protocols().get("TLSv1.2"));
            assertEquals(4, r.cipherSuites().get("TLSv1.2").size(), r.cipherSuites().toString());
            assertEquals(true, r.serverPreference().get("TLSv1.2"));
        }
    }

    @Test
    void chunksReachSuitesFarDownTheRegistry() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(java.util.List.of(0x0096), true, VersionEnumeration.SMALL_HELLO_SUITES)) {
            TlsResult r = enumerateImplicit(server);
            assertEquals(true, r.protocols().get("TLSv1.2"), "a SEED-only server that drops big hellos is still found");
            assertEquals(java.util.List.of("TLS_RSA_WITH_SEED_CBC_SHA"), r.cipherSuites().get("TLSv1.2"));
            assertNull(r.serverPreference().get("TLSv1.2"), "one suite: no order to enforce");
        }
    }
}
