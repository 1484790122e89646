package io.smtpscope.tls.enumeration;

import io.smtpscope.demo.DemoPki;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientHelloBuilderTest {
    private static final CipherSuiteRegistry REGISTRY = CipherSuiteRegistry.bundled();

    private static List<Integer> codes(List<CipherSuite> suites) {
        return suites.stream().map(CipherSuite::code).toList();
    }

    /** The hello sent to Postfix when the fixtures were captured (seeded random): the encoding must not drift. */
    @Test
    void encodingMatchesTheCapturedHello() {
        byte[] built = new ClientHelloBuilder(new Random(42)).version(TlsVersion.TLS13).suites(codes(REGISTRY.tls13()))
                .serverName("mail.smtpscope.test").groups(NamedGroup.tls13Groups().stream().map(NamedGroup::code).toList())
                .keyShares(List.of()).build();
        assertArrayEquals(Fixtures.hex("postfix-modern-tls13-hrr-clienthello"), built);
    }

    @Test
    void tls13HelloStructure() {
        byte[] hello = new ClientHelloBuilder().version(TlsVersion.TLS13).suites(List.of(0x1301, 0x1302))
                .serverName("mx.example.com").groups(List.of(29, 23)).keyShares(List.of(29)).build();
        Map<Integer, byte[]> ext = extensions(hello);
        assertEquals(22, hello[0]);
        assertEquals(hello.length - 5, ((hello[3] & 0xFF) << 8) | (hello[4] & 0xFF), "record length");
        assertEquals(1, hello[5], "handshake type client_hello");
        assertArrayEquals(new byte[]{2, 3, 4}, ext.get(43), "supported_versions = [TLS 1.3]");
        byte[] keyShare = ext.get(51);
        assertEquals(2 + 2 + 2 + 32, keyShare.length, "one x25519 share of 32 bytes");
        assertTrue(new String(ext.get(0)).contains("mx.example.com"));
        assertTrue(ext.containsKey(0xFF01) && ext.containsKey(23) && ext.containsKey(35) && ext.containsKey(5));
    }

    @Test
    void sniIsNotSentForAddresses() {
        byte[] hello = new ClientHelloBuilder().version(TlsVersion.TLS12).suites(List.of(0xC02F))
                .serverName("127.0.0.1").build();
        assertFalse(extensions(hello).containsKey(0));
    }

    @Test
    void ssl2HelloFormat() {
        byte[] hello = new ClientHelloBuilder().version(TlsVersion.SSLV2).build();
        assertEquals(0x80, hello[0] & 0xF0);
        assertEquals(hello.length - 2, ((hello[0] & 0x7F) << 8) | (hello[1] & 0xFF));
        assertEquals(1, hello[2], "CLIENT-HELLO");
        assertEquals(0x0002, ((hello[3] & 0xFF) << 8) | (hello[4] & 0xFF));
        assertEquals(ClientHelloBuilder.SSL2_CIPHER_KINDS.length * 3, ((hello[5] & 0xFF) << 8) | (hello[6] & 0xFF));
    }

    /** The JDK's own TLS server reads our hellos and answers them; our parser reads the answer. */
    @Test
    void jdkServerAcceptsOurHellos() throws Exception {
        DemoPki pki = new DemoPki("hello test CA");
        SSLContext context = DemoPki.serverContext(pki.issue(List.of("mail.smtpscope.test"), Duration.ofDays(1)));
        for (TlsVersion version : List.of(TlsVersion.TLS12, TlsVersion.TLS13)) {
            List<Integer> offer = codes(version == TlsVersion.TLS13 ? REGISTRY.tls13() : REGISTRY.legacy());
            byte[] hello = new ClientHelloBuilder().version(version).suites(offer).serverName("mail.smtpscope.test")
                    .groups(List.of(29, 23, 24)).keyShares(List.of()).build();
            byte[] answer = serverAnswer(context, hello);
            ServerFlight.Hello h = assertInstanceOf(ServerFlight.Hello.class,
                    ServerHelloParser.parse(answer, answer.length, version));
            assertEquals(version.code(), h.version(), version.label());
            assertTrue(offer.contains(h.cipherSuite()), REGISTRY.name(h.cipherSuite()));
            if (version == TlsVersion.TLS13) {
                assertTrue(h.helloRetry(), "an empty key_share draws a HelloRetryRequest");
                assertTrue(List.of(29, 23, 24).contains(h.group()));
            }
        }
    }

    private static byte[] serverAnswer(SSLContext context, byte[] hello) throws Exception {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        ByteBuffer in = ByteBuffer.wrap(hello);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        ByteBuffer net = ByteBuffer.allocate(64 * 1024);
        engine.unwrap(in, app);
        for (int i = 0; i < 20; i++) {
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                engine.wrap(ByteBuffer.allocate(0), net);
            } else {
                break;
            }
        }
        net.flip();
        byte[] out = new byte[net.remaining()];
        net.get(out);
        return out;
    }

    /** Walks the ClientHello's extensions: type -> data. */
    private static Map<Integer, byte[]> extensions(byte[] record) {
        int pos = 5 + 4 + 2 + 32;
        pos += 1 + (record[pos] & 0xFF);
        pos += 2 + (((record[pos] & 0xFF) << 8) | (record[pos + 1] & 0xFF));
        pos += 1 + (record[pos] & 0xFF);
        int end = pos + 2 + (((record[pos] & 0xFF) << 8) | (record[pos + 1] & 0xFF));
        assertEquals(record.length, end, "extensions end the record");
        pos += 2;
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        while (pos < end) {
            int type = ((record[pos] & 0xFF) << 8) | (record[pos + 1] & 0xFF);
            int len = ((record[pos + 2] & 0xFF) << 8) | (record[pos + 3] & 0xFF);
            byte[] data = new byte[len];
            System.arraycopy(record, pos + 4, data, 0, len);
            out.put(type, data);
            order.add(type);
            pos += 4 + len;
        }
        assertEquals(order.size(), out.size(), "no duplicate extension");
        return out;
    }
}
