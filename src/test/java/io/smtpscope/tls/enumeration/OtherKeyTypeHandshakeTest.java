package io.smtpscope.tls.enumeration;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.MxOrigin;
import io.smtpscope.target.Target;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS 1.3-only implicit-TLS server on loopback (the JDK's key manager picks the certificate whose key type the
 * client's signature schemes allow): the handshake offering the other key type's schemes finds its second
 * certificate, and finds nothing, without an error, on a server with one.
 */
class OtherKeyTypeHandshakeTest {
    private static final DemoPki PKI = new DemoPki("other key type CA");
    private static final DemoPki.KeyMaterial RSA = PKI.certificate("mx.dual.test").key("RSA", 2048).validFor(Duration.ofDays(30)).issue();
    private static final DemoPki.KeyMaterial EC = PKI.certificate("mx.dual.test").key("EC", 256).validFor(Duration.ofDays(30)).issue();

    /** Answers TLS 1.3 handshakes until closed; each connection is handshaken once, then closed. */
    static final class Tls13Server implements AutoCloseable {
        private final SSLServerSocket socket;
        private final Thread thread;

        Tls13Server(DemoPki.KeyMaterial... held) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < held.length; i++) {
                store.setKeyEntry("k" + i, held[i].key(), "pw".toCharArray(), held[i].chain().toArray(X509Certificate[]::new));
            }
            // SunX509 picks by key type alone, as OpenSSL does (PKIX also checks key usage, which demo certificates leave out)
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(store, "pw".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            socket.setEnabledProtocols(new String[]{"TLSv1.3"});
            thread = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200 && !socket.isClosed(); i++) { // bounded: an enumeration makes a few dozen
                    try (SSLSocket client = (SSLSocket) socket.accept()) {
                        client.setSoTimeout(3_000);
                        client.startHandshake();
                    } catch (Exception e) {
                        // a refused handshake is what one test expects
                    }
                }
            });
        }

        Endpoint endpoint() {
            return endpoint(null);
        }

        /** This server as an endpoint reached through {@code mx} (null: named directly). */
        Endpoint endpoint(MxOrigin mx) {
            int port = socket.getLocalPort();
            return new Endpoint(new Target("127.0.0.1:" + port, "127.0.0.1", port, Mode.IMPLICIT_TLS, mx),
                    InetAddress.getLoopbackAddress(), null);
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }

    private static Optional<List<X509Certificate>> other(Tls13Server server, DemoPki.KeyMaterial probed) {
        return new OtherKeyTypeHandshake(Runners.FAST).otherChain(server.endpoint(), probed.leaf(),
                EndpointDeadline.startingNow(Duration.ofSeconds(10)));
    }

    @Test
    void aProbeThatGotRsaFindsTheEcdsaCertificateAndViceVersa() throws Exception {
        try (Tls13Server server = new Tls13Server(RSA, EC)) {
            Optional<List<X509Certificate>> afterRsa = other(server, RSA);
            assertTrue(afterRsa.isPresent());
            assertEquals(EC.leaf(), afterRsa.get().get(0));
            Optional<List<X509Certificate>> afterEc = other(server, EC);
            assertTrue(afterEc.isPresent());
            assertEquals(RSA.leaf(), afterEc.get().get(0));
        }
    }

    @Test
    void oneCertificateIsNoSecondAndNoError() throws Exception {
        try (Tls13Server server = new Tls13Server(RSA)) {
            assertEquals(Optional.empty(), other(server, RSA));
        }
    }

    @Test
    void theSchemesOfferedExcludeTheProbedKeyType() {
        assertTrue(OtherKeyTypeHandshake.otherSchemes("RSA").stream().noneMatch(s -> s.startsWith("rsa")));
        assertTrue(OtherKeyTypeHandshake.otherSchemes("EC").stream().allMatch(s -> s.startsWith("rsa")));
        assertTrue(OtherKeyTypeHandshake.otherSchemes("Ed25519").stream().allMatch(s -> s.startsWith("rsa")));
    }
}
