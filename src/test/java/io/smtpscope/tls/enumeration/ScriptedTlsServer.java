package io.smtpscope.tls.enumeration;

import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback implicit-TLS server for the enumeration tests: it reads one ClientHello per connection, records
 * what it offered, writes what the script returns (empty: just close) and closes. The builders below make
 * the answers the enumerators read: a TLS 1.2-style flight (RFC 5246 section 7.4, with an ECDHE
 * ServerKeyExchange per RFC 8422 section 5.4), a HelloRetryRequest (RFC 8446 section 4.1.4), an alert.
 */
final class ScriptedTlsServer implements AutoCloseable {
    /** What one ClientHello offered; {@code version}: supported_versions' first entry when present (TLS 1.3). */
    record Offer(int version, List<Integer> suites, List<Integer> groups) {
        boolean tls13() {
            return version == TlsVersion.TLS13.code();
        }
    }

    private final ServerSocket server;
    private final Function<Offer, byte[]> script;
    final List<Offer> offers = new CopyOnWriteArrayList<>();

    ScriptedTlsServer(Function<Offer, byte[]> script) throws IOException {
        this.script = script;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::serve);
    }

    Endpoint endpoint() {
        int port = server.getLocalPort();
        return new Endpoint(new Target("127.0.0.1:" + port, "127.0.0.1", port, Mode.IMPLICIT_TLS),
                InetAddress.getLoopbackAddress(), null);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                Offer offer = read(new DataInputStream(s.getInputStream()));
                offers.add(offer);
                OutputStream out = s.getOutputStream();
                out.write(script.apply(offer));
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static Offer read(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        if ((first & 0x80) != 0) { // an SSLv2-format CLIENT-HELLO
            in.readFully(new byte[((first & 0x7F) << 8) | in.readUnsignedByte()]);
            return new Offer(TlsVersion.SSLV2.code(), List.of(), List.of());
        }
        byte[] header = new byte[4];
        in.readFully(header);
        byte[] body = new byte[((header[2] & 0xFF) << 8) | (header[3] & 0xFF)];
        in.readFully(body);
        int pos = 4;
        int version = u16(body, pos);
        pos += 2 + 32;
        pos += 1 + (body[pos] & 0xFF);
        List<Integer> suites = list(body, pos + 2, u16(body, pos));
        pos += 2 + u16(body, pos);
        pos += 1 + (body[pos] & 0xFF);
        List<Integer> groups = List.of();
        if (pos < body.length) {
            int end = pos + 2 + u16(body, pos);
            for (pos += 2; pos < end; pos += 4 + u16(body, pos + 2)) {
                int type = u16(body, pos);
                if (type == ClientHelloBuilder.EXT_SUPPORTED_GROUPS) {
                    groups = list(body, pos + 6, u16(body, pos + 4));
                } else if (type == ClientHelloBuilder.EXT_SUPPORTED_VERSIONS) {
                    version = u16(body, pos + 5);
                }
            }
        }
        return new Offer(version, suites, groups);
    }

    private static List<Integer> list(byte[] b, int from, int bytes) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < bytes; i += 2) {
            codes.add(u16(b, from + i));
        }
        return codes;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /** A fatal alert record. */
    static byte[] alert(int description) {
        return new byte[]{21, 3, 3, 0, 2, 2, (byte) description};
    }

    /** The first of {@code preferred} that {@code offered} contains, or null. */
    static Integer pick(List<Integer> preferred, List<Integer> offered) {
        return preferred.stream().filter(offered::contains).findFirst().orElse(null);
    }

    /** ServerHello at {@code version}, an ECDHE ServerKeyExchange naming {@code curve} (when not null), ServerHelloDone. */
    static byte[] flight(int version, int suite, Integer curve) {
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        byte[] hello = new byte[2 + 32 + 1 + 2 + 1];
        hello[0] = (byte) (version >> 8);
        hello[1] = (byte) version;
        hello[35] = (byte) (suite >> 8);
        hello[36] = (byte) suite;
        message(hs, 2, hello);
        if (curve != null) {
            message(hs, 12, new byte[]{3, (byte) (curve >> 8), (byte) (int) curve}); // named_curve, the rest unread
        }
        message(hs, 14, new byte[0]);
        return record(version, hs.toByteArray());
    }

    /** A HelloRetryRequest choosing {@code suite} and asking for a share of {@code group}. */
    static byte[] helloRetry(int suite, int group) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(3);
        body.writeBytes(ServerHelloParser.HRR_RANDOM);
        body.write(0); // empty legacy_session_id_echo
        body.write(suite >> 8);
        body.write(suite);
        body.write(0);
        byte[] ext = {0, 43, 0, 2, 3, 4, 0, 51, 0, 2, (byte) (group >> 8), (byte) group};
        body.write(0);
        body.write(ext.length);
        body.writeBytes(ext);
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        message(hs, 2, body.toByteArray());
        return record(0x0303, hs.toByteArray());
    }

    private static void message(ByteArrayOutputStream hs, int type, byte[] body) {
        hs.write(type);
        hs.write(body.length >> 16);
        hs.write(body.length >> 8);
        hs.write(body.length);
        hs.writeBytes(body);
    }

    private static byte[] record(int version, byte[] fragment) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(22);
        r.write(version >> 8);
        r.write(version);
        r.write(fragment.length >> 8);
        r.write(fragment.length);
        r.writeBytes(fragment);
        return r.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
