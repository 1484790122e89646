package io.smtpscope.monitor;

import io.smtpscope.tls.OfferedHello;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook carries a report: it offers what the JDK offers by default, although the same process relaxed the JDK's
 * TLS policy to observe old mail servers. The listener on loopback reads the ClientHello and hangs up.
 */
class WebhookTlsTest {
    /** TLS 1.3 and 1.2 (RFC 8446 section 4.2.1): never 1.1 (0x0302), 1.0 (0x0301) or SSLv3 (0x0300). */
    private static final List<Integer> MODERN = List.of(0x0304, 0x0303);
    /** 3DES (RFC 5246 appendix A.5, RFC 4492) and RSA key transport suites, which the JDK no longer offers. */
    private static final Set<Integer> REFUSED_SUITES = Set.of(0x000a, 0x0016, 0xc008, 0xc012, 0x002f, 0x0035, 0x003c,
            0x003d, 0x009c, 0x009d);

    @BeforeAll
    static void relax() {
        TlsContexts.init(); // what watch does before its first scan: the relaxed policy is in force
    }

    @Test
    void aWebhookNeverOffersLegacyTls() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(15_000);
            Future<OfferedHello> offered = executor.submit(() -> {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(15_000);
                    return OfferedHello.read(socket.getInputStream());
                }
            });
            Webhook webhook = new Webhook(URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/hook"));
            assertThrows(IOException.class, () -> webhook.post("{}"), "the listener hangs up after the hello");
            OfferedHello hello = offered.get(20, TimeUnit.SECONDS);
            assertEquals(MODERN, hello.versions());
            assertTrue(hello.suites().stream().noneMatch(REFUSED_SUITES::contains), hello.suites().toString());
        } finally {
            executor.shutdownNow();
        }
    }
}
