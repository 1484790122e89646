package io.smtpscope.vuln;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;

import javax.crypto.Cipher;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STARTTLS server that speaks SMTP up to the 220 and then raw TLS records, with the flaws no modern library
 * produces, each one switched on by a {@link Flaws} field: it ignores TLS_FALLBACK_SCSV, leaves out
 * renegotiation_info, echoes heartbeat payloads past their end (from a fake "memory" of {@link #MEMORY}), takes a
 * ChangeCipherSpec before the key exchange, or answers bad RSA padding differently from good (a padding oracle).
 * TLS 1.0 to 1.2, RSA key exchange only, never a finished handshake. Loopback, bounded: each connection reads at
 * most a few records of at most 18 KB and waits at most {@value #READ_MILLIS} ms for each.
 */
final class FlawedTlsServer implements AutoCloseable {
    static final int READ_MILLIS = 20_000;
    static final byte[] MEMORY = "SECRET-PRIVATE-KEY-MATERIAL;password=hunter2;".repeat(400).getBytes(StandardCharsets.US_ASCII);
    static final List<Integer> SUITES = List.of(0x002F, 0x0035, 0x009C);

    /** Which flaws are on; all false is a correct server (within what it implements). */
    record Flaws(boolean ignoresFallbackScsv, boolean noRenegotiationInfo, boolean heartbleed, boolean heartbeatNegotiated,
                 boolean acceptsEarlyCcs, boolean paddingOracle) {
        static final Flaws NONE = new Flaws(false, false, false, false, false, false);

        Flaws ignoringScsv() {
            return new Flaws(true, noRenegotiationInfo, heartbleed, heartbeatNegotiated, acceptsEarlyCcs, paddingOracle);
        }

        Flaws withoutRenegotiationInfo() {
            return new Flaws(ignoresFallbackScsv, true, heartbleed, heartbeatNegotiated, acceptsEarlyCcs, paddingOracle);
        }

        /** Heartbeats negotiated; {@code bleeding}: over-reads instead of discarding a short one. */
        Flaws heartbeats(boolean bleeding) {
            return new Flaws(ignoresFallbackScsv, noRenegotiationInfo, bleeding, true, acceptsEarlyCcs, paddingOracle);
        }

        Flaws acceptingEarlyCcs() {
            return new Flaws(ignoresFallbackScsv, noRenegotiationInfo, heartbleed, heartbeatNegotiated, true, paddingOracle);
        }

        Flaws withPaddingOracle() {
            return new Flaws(ignoresFallbackScsv, noRenegotiationInfo, heartbleed, heartbeatNegotiated, acceptsEarlyCcs, true);
        }
    }

    private static final DemoPki.KeyMaterial KEYS = DemoPki.selfSignedCertificate("mail.smtpscope.test").key("RSA", 2048).issue();

    private final Flaws flaws;
    private final ScriptedSmtpServer server;
    final AtomicInteger heartbeatsAnswered = new AtomicInteger();

    FlawedTlsServer(Flaws flaws) throws IOException {
        this.flaws = flaws;
        this.server = ScriptedSmtpServer.raw(this::serve);
    }

    int port() {
        return server.port();
    }

    int connections() {
        return server.accepted();
    }

    private void serve(Socket socket) throws Exception {
        socket.setSoTimeout(READ_MILLIS);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        out.write("220 mail.smtpscope.test ESMTP flawed\r\n".getBytes(StandardCharsets.US_ASCII));
        while (true) {
            String line = line(in);
            if (line == null) {
                return;
            }
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (verb) {
                case "EHLO" -> out.write("250-mail.smtpscope.test\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                case "STAR" -> {
                    out.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
                    tls(new DataInputStream(in), out);
                    return;
                }
                case "QUIT" -> {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                default -> out.write("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.US_ASCII).strip();
            }
            b.write(c);
        }
        return null;
    }

    private record Record(int type, byte[] body) {
    }

    private static Record read(DataInputStream in) throws IOException {
        byte[] header = new byte[5];
        in.readFully(header);
        if ((header[0] & 0xFF) < 20 || (header[0] & 0xFF) > 24) {
            throw new IOException("not a TLS record");
        }
        int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        if (length > 18_432) {
            throw new IOException("record too long");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new Record(header[0] & 0xFF, body);
    }

    private static byte[] record(int type, int version, byte[] body) {
        return Records.record(type, version, body);
    }

    private static byte[] alert(int version, int description) {
        return record(21, version, new byte[]{2, (byte) description});
    }

    /** The ClientHello's version, suites and extension types (RFC 5246 section 7.4.1.2). */
    private record Hello(int version, List<Integer> suites, Set<Integer> extensions) {
        static Hello parse(byte[] b) {
            int pos = 4;
            int version = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2 + 32;
            pos += 1 + (b[pos] & 0xFF);
            int suitesLength = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            List<Integer> suites = new ArrayList<>();
            for (int i = 0; i < suitesLength; i += 2) {
                suites.add(((b[pos + i] & 0xFF) << 8) | (b[pos + i + 1] & 0xFF));
            }
            pos += suitesLength;
            pos += 1 + (b[pos] & 0xFF);
            Set<Integer> extensions = new java.util.HashSet<>();
            if (pos + 2 <= b.length) {
                int end = Math.min(b.length, pos + 2 + (((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF)));
                pos += 2;
                while (pos + 4 <= end) {
                    extensions.add(((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF));
                    pos += 4 + (((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF));
                }
            }
            return new Hello(version, suites, extensions);
        }
    }

    private void tls(DataInputStream in, OutputStream out) throws Exception {
        Record first = read(in);
        if (first.type() != 22 || first.body().length < 40 || first.body()[0] != 1) {
            return;
        }
        Hello hello = Hello.parse(first.body());
        int version = Math.min(hello.version(), 0x0303);
        if (version < 0x0301) {
            out.write(alert(0x0301, 70));
            return;
        }
        if (hello.suites().contains(0x5600) && version < 0x0303 && !flaws.ignoresFallbackScsv()) {
            out.write(alert(version, 86));
            return;
        }
        Integer suite = hello.suites().stream().filter(SUITES::contains).findFirst().orElse(null);
        if (suite == null) {
            out.write(alert(version, 40));
            return;
        }
        out.write(flight(version, suite, hello));
        out.flush();
        serveRecords(in, out, version);
    }

    private byte[] flight(int version, int suite, Hello hello) throws CertificateEncodingException {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (!flaws.noRenegotiationInfo() && (hello.extensions().contains(0xFF01) || hello.suites().contains(0x00FF))) {
            ext.writeBytes(new byte[]{(byte) 0xFF, 0x01, 0, 1, 0});
        }
        if (flaws.heartbeatNegotiated() && hello.extensions().contains(15)) {
            ext.writeBytes(new byte[]{0, 15, 0, 1, 1});
        }
        ByteArrayOutputStream sh = new ByteArrayOutputStream();
        sh.write(version >> 8);
        sh.write(version);
        sh.writeBytes(new byte[32]);
        sh.write(0);
        sh.write(suite >> 8);
        sh.write(suite);
        sh.write(0);
        sh.write(ext.size() >> 8);
        sh.write(ext.size());
        sh.writeBytes(ext.toByteArray());
        byte[] der = KEYS.leaf().getEncoded();
        ByteArrayOutputStream cert = new ByteArrayOutputStream();
        int list = 3 + der.length;
        cert.writeBytes(new byte[]{(byte) (list >> 16), (byte) (list >> 8), (byte) list,
                (byte) (der.length >> 16), (byte) (der.length >> 8), (byte) der.length});
        cert.writeBytes(der);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        message(messages, 2, sh.toByteArray());
        message(messages, 11, cert.toByteArray());
        message(messages, 14, new byte[0]);
        return record(22, version, messages.toByteArray());
    }

    private static void message(ByteArrayOutputStream out, int type, byte[] body) {
        out.writeBytes(new byte[]{(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length});
        out.writeBytes(body);
    }

    /** What follows the flight: heartbeats, ChangeCipherSpec, the client's key exchange. At most 8 records. */
    private void serveRecords(DataInputStream in, OutputStream out, int version) throws Exception {
        boolean keyExchanged = false;
        boolean ccsSeen = false;
        Boolean paddingOk = null;
        for (int i = 0; i < 8; i++) {
            Record r = read(in);
            switch (r.type()) {
                case 24 -> heartbeat(r.body(), out, version);
                case 20 -> {
                    if (!keyExchanged && !flaws.acceptsEarlyCcs()) {
                        out.write(alert(version, 10));
                        return;
                    }
                    if (!keyExchanged && ccsSeen) {
                        // the keys from an empty master secret cannot decrypt anything: what old OpenSSL answered
                        out.write(alert(version, 21));
                        return;
                    }
                    ccsSeen = true;
                }
                case 22 -> {
                    if (!keyExchanged && r.body().length > 6 && r.body()[0] == 16) {
                        keyExchanged = true;
                        paddingOk = paddingOk(r.body());
                        if (flaws.paddingOracle() && !paddingOk) {
                            out.write(alert(version, 40));
                            return;
                        }
                    } else if (ccsSeen) {
                        // the (encrypted) Finished can never verify here: a correct server fails it the same way
                        // whatever the premaster secret was
                        out.write(alert(version, 20));
                        return;
                    }
                }
                case 21 -> {
                    return;
                }
                default -> {
                    out.write(alert(version, 10));
                    return;
                }
            }
            out.flush();
        }
    }

    private void heartbeat(byte[] body, OutputStream out, int version) throws IOException {
        if (!flaws.heartbeatNegotiated() || body.length < 3 || body[0] != 1) {
            return;
        }
        int claimed = ((body[1] & 0xFF) << 8) | (body[2] & 0xFF);
        int actual = body.length - 3 - 16;
        if (!flaws.heartbleed() && claimed > actual) {
            return; // RFC 6520 section 4: discard silently
        }
        byte[] response = new byte[3 + claimed + 16];
        response[0] = 2;
        response[1] = body[1];
        response[2] = body[2];
        // the over-read: whatever lies after the payload in "memory"
        System.arraycopy(MEMORY, 0, response, 3, Math.min(claimed, MEMORY.length));
        heartbeatsAnswered.incrementAndGet();
        out.write(record(24, version, response));
    }

    /** PKCS#1 v1.5 as a strict but leaky implementation checks it: 00 02, a separator, 48 bytes, the version. */
    private static boolean paddingOk(byte[] cke) throws Exception {
        int length = ((cke[4] & 0xFF) << 8) | (cke[5] & 0xFF);
        byte[] encrypted = java.util.Arrays.copyOfRange(cke, 6, 6 + length);
        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.DECRYPT_MODE, (PrivateKey) KEYS.key());
        byte[] raw = rsa.doFinal(encrypted);
        byte[] m = new byte[256];
        System.arraycopy(raw, 0, m, m.length - raw.length, raw.length);
        if (m[0] != 0 || m[1] != 2) {
            return false;
        }
        for (int i = 2; i < m.length; i++) {
            if (m[i] == 0) {
                return i >= 10 && m.length - i - 1 == 48;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
