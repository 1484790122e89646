package io.smtpscope.https;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.PolicyFetch;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fetch failures no real web server produces on purpose: a server that accepts and never speaks (a tarpit), and one
 * that answers the TLS hello with plain text, one that trickles its body. All on loopback, in the JVM, bounded.
 */
class HttpsFetcherTest {
    private static final HttpsFetcher.HostAddresses LOOPBACK = host -> List.of(InetAddress.getByName("127.0.0.1"));

    private interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    private static PolicyFetch against(Behaviour behaviour, Duration connect, Duration total) throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            server.setSoTimeout(30_000);
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    behaviour.serve(socket);
                } catch (Exception e) {
                    // the test closed the server, or the client went away
                }
            });
            HttpsFetcher fetcher = new HttpsFetcher(TrustAnchors.of(List.of(), "nothing"), LOOPBACK, connect, total, 65_536);
            PolicyFetch facts = fetcher.fetch("policy.fetcher.test", server.getLocalPort(), "/.well-known/mta-sts.txt").facts();
            for (Socket s : accepted) {
                s.close();
            }
            acceptor.interrupt();
            acceptor.join(5_000);
            return facts;
        }
    }

    @Test
    void aServerThatNeverSpeaksEndsInATimeout() throws Exception {
        PolicyFetch facts = against(socket -> Thread.sleep(20_000), Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertEquals(HttpsFetchStatus.TIMEOUT, facts.status(), facts.toString());
        assertNull(facts.httpStatus());
    }

    @Test
    void plainTextInsteadOfTlsIsATlsFailure() throws Exception {
        PolicyFetch facts = against(socket -> {
            // a plain HTTP server on the policy port: it reads the ClientHello as a request and answers in clear text
            // (a server that speaks first can leave the JDK's HTTP client waiting until its connect timeout)
            socket.getInputStream().read(new byte[4096]);
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\nhi".getBytes());
            socket.getOutputStream().flush();
            Thread.sleep(2_000);
        }, Duration.ofSeconds(15), Duration.ofSeconds(20)); // generous: the server's answer decides, not a loaded machine
        assertTrue(facts.status() == HttpsFetchStatus.TLS_FAILED || facts.status() == HttpsFetchStatus.CONNECT_FAILED,
                facts.toString());
        assertNull(facts.certificateValid(), "no certificate was seen");
    }

    /** Headers at once, then one body byte a second for ever: the whole fetch stays within its deadline. */
    @Test
    void aBodyTrickledForeverIsCutAtTheDeadline() throws Exception {
        DemoPki pki = new DemoPki("fetcher test CA");
        DemoPki.KeyMaterial key = pki.issue(List.of("policy.fetcher.test"), Duration.ofDays(1));
        SSLServerSocketFactory factory = DemoPki.serverContext(key).getServerSocketFactory();
        try (SSLServerSocket server = (SSLServerSocket) factory.createServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            server.setSoTimeout(30_000);
            Thread trickler = Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 60000\r\n\r\n".getBytes());
                    out.flush();
                    for (int i = 0; i < 60; i++) {
                        out.write('v');
                        out.flush();
                        Thread.sleep(1_000);
                    }
                } catch (Exception e) {
                    // the client gave up, as it should
                }
            });
            HttpsFetcher fetcher = new HttpsFetcher(TrustAnchors.of(List.of(pki.caCertificate()), "fetcher test CA"),
                    LOOPBACK, Duration.ofSeconds(15), Duration.ofSeconds(6), 65_536); // 6 s: the handshake passes even on a loaded machine
            PolicyFetch facts = fetcher.fetch("policy.fetcher.test", server.getLocalPort(), "/.well-known/mta-sts.txt").facts();
            assertEquals(HttpsFetchStatus.TIMEOUT, facts.status(), facts.toString());
            assertEquals(Boolean.TRUE, facts.certificateValid(), "the handshake itself passed");
            trickler.interrupt();
            trickler.join(5_000);
        }
    }

    @Test
    void aNameThatDoesNotResolveIsHostNotFound() {
        HttpsFetcher fetcher = new HttpsFetcher(TrustAnchors.of(List.of(), "nothing"), host -> {
            throw new java.net.UnknownHostException("NXDOMAIN");
        }, Duration.ofSeconds(1), Duration.ofSeconds(1), 10);
        PolicyFetch facts = fetcher.fetch("mta-sts.nowhere.test", "/.well-known/mta-sts.txt").facts();
        assertEquals(HttpsFetchStatus.HOST_NOT_FOUND, facts.status());
        assertTrue(facts.error().contains("NXDOMAIN"));
    }
}
