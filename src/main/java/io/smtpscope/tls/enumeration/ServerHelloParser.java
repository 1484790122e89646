package io.smtpscope.tls.enumeration;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes what a server sends back to one of our ClientHellos: TLS records (RFC 8446 section 5.1, RFC 5246
 * section 6.2), and in them ServerHello / HelloRetryRequest, Alert, Certificate (TLS 1.2 and below, sent in
 * plaintext), ServerKeyExchange (ECDHE curve, DHE prime size) and ServerHelloDone; or an SSLv2 SERVER-HELLO.
 * Pure and strict: every length is checked against what is there, and anything malformed becomes a
 * {@link TlsParseException}. Never any other exception, whatever the bytes (a property test holds it to that).
 * The record layer and the reassembly of fragmented handshake messages are {@link FlightReader}'s; this class
 * decodes the messages it hands over, each once.
 */
public final class ServerHelloParser {
    /** A record may carry 2^14 bytes plus 2048 of expansion (RFC 5246 section 6.2.3). */
    static final int MAX_RECORD = 16384 + 2048;
    /** Handshake messages kept for reassembly: a certificate chain rarely exceeds this. */
    static final int MAX_HANDSHAKE_BYTES = 64 * 1024;
    /** SHA-256("HelloRetryRequest"): the random of a HelloRetryRequest (RFC 8446 section 4.1.3). */
    static final byte[] HRR_RANDOM = hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    private static final int MAX_ALPN = 255;

    private ServerHelloParser() {
    }

    /**
     * Parses everything received so far. Returns {@link ServerFlight.Incomplete} when more bytes are needed,
     * a {@link ServerFlight.Hello} with {@code complete=false} when the hello is known but the flight goes on.
     * A reader of a live connection keeps a {@link FlightReader} instead, which parses each byte once.
     */
    public static ServerFlight parse(byte[] data, int length, TlsVersion offered) throws TlsParseException {
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("length out of range");
        }
        return new FlightReader(offered).feed(data, 0, length);
    }

    static ServerFlight.Hello serverHello(Reader m) throws TlsParseException {
        int legacyVersion = m.u16();
        byte[] random = m.bytes(32);
        m.bytes(m.u8Limited(32, "session id"));
        int suite = m.u16();
        m.u8(); // compression method
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        int version = legacyVersion;
        Integer group = null;
        String alpn = null;
        Set<Integer> seen = new HashSet<>();
        if (m.remaining() > 0) {
            Reader exts = m.sub(m.u16());
            while (exts.remaining() > 0) {
                int type = exts.u16();
                Reader ext = exts.sub(exts.u16());
                if (!seen.add(type)) {
                    throw new TlsParseException("extension " + type + " appears twice in ServerHello");
                }
                switch (type) {
                    case ClientHelloBuilder.EXT_SUPPORTED_VERSIONS -> version = ext.u16();
                    case ClientHelloBuilder.EXT_KEY_SHARE -> group = ext.u16(); // HRR: selected_group; SH: share's group
                    case ClientHelloBuilder.EXT_ALPN -> alpn = alpn(ext);
                    default -> { }
                }
            }
        }
        if (m.remaining() != 0) {
            throw new TlsParseException("trailing bytes after ServerHello extensions");
        }
        return new ServerFlight.Hello(version, suite, hrr, group, seen, alpn, List.of(), null, null, false);
    }

    private static String alpn(Reader ext) throws TlsParseException {
        Reader list = ext.sub(ext.u16());
        byte[] name = list.bytes(list.u8Limited(MAX_ALPN, "ALPN name"));
        StringBuilder sb = new StringBuilder();
        for (char c : new String(name, StandardCharsets.ISO_8859_1).toCharArray()) {
            sb.append(c >= 0x21 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }

    static List<byte[]> certificates(Reader m) throws TlsParseException {
        Reader list = m.sub(m.u24());
        List<byte[]> certs = new ArrayList<>();
        while (list.remaining() > 0 && certs.size() < 16) {
            certs.add(list.bytes(list.u24()));
        }
        return certs;
    }

    static ServerFlight.Hello withCertificates(ServerFlight.Hello h, List<byte[]> certs) {
        return new ServerFlight.Hello(h.version(), h.cipherSuite(), h.helloRetry(), h.group(), h.extensions(), h.alpn(),
                certs, h.ecdheCurve(), h.dhBits(), h.complete());
    }

    /** RFC 8422 section 5.4 (ECDHE: curve_type 3 = named_curve) and RFC 5246 section 7.4.3 (DHE: dh_p first). */
    static ServerFlight.Hello serverKeyExchange(ServerFlight.Hello h, Reader m) throws TlsParseException {
        String kex = CipherSuiteRegistry.bundled().byCode(h.cipherSuite()).map(CipherSuite::keyExchange).orElse("");
        Integer curve = h.ecdheCurve();
        Integer dhBits = h.dhBits();
        if (kex.equals("ECDHE") || kex.equals("ECDH")) {
            if (m.u8() == 3) {
                curve = m.u16();
            }
        } else if (kex.equals("DHE") || kex.equals("DH")) {
            byte[] p = m.bytes(m.u16());
            dhBits = new BigInteger(1, p).bitLength();
        }
        return new ServerFlight.Hello(h.version(), h.cipherSuite(), h.helloRetry(), h.group(), h.extensions(), h.alpn(),
                h.certificates(), curve, dhBits, h.complete());
    }

    /** The body of an SSLv2 record: SERVER-HELLO (4) or ERROR (0). */
    static ServerFlight ssl2Message(Reader m) throws TlsParseException {
        int type = m.u8();
        if (type == 0) {
            return new ServerFlight.Ssl2Error(m.u16());
        }
        if (type != 4) {
            throw new TlsParseException("SSLv2 message type " + type + " where SERVER-HELLO was expected");
        }
        m.u8(); // session id hit
        m.u8(); // certificate type
        int version = m.u16();
        int certLength = m.u16();
        int specsLength = m.u16();
        int connectionIdLength = m.u16();
        m.bytes(certLength);
        if (specsLength % 3 != 0) {
            throw new TlsParseException("SSLv2 cipher specs length " + specsLength + " is not a multiple of 3");
        }
        List<Integer> kinds = new ArrayList<>();
        for (int i = 0; i < specsLength / 3; i++) {
            kinds.add((m.u8() << 16) | m.u16());
        }
        m.bytes(connectionIdLength);
        return new ServerFlight.Ssl2Hello(version, kinds);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Bounded reader over a slice: every read checks the bytes are there. */
    static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int offset, int length) {
            this.b = b;
            this.pos = offset;
            this.end = offset + length;
        }

        int remaining() {
            return end - pos;
        }

        private void need(int n) throws TlsParseException {
            if (n < 0 || n > end - pos) {
                throw new TlsParseException("truncated message: " + n + " bytes needed, " + (end - pos) + " left");
            }
        }

        int u8() throws TlsParseException {
            need(1);
            return b[pos++] & 0xFF;
        }

        int u8Limited(int max, String what) throws TlsParseException {
            int v = u8();
            if (v > max) {
                throw new TlsParseException(what + " length " + v + " exceeds " + max);
            }
            return v;
        }

        int u16() throws TlsParseException {
            need(2);
            int v = ServerHelloParser.u16(b, pos);
            pos += 2;
            return v;
        }

        int u24() throws TlsParseException {
            need(3);
            int v = ServerHelloParser.u24(b, pos);
            pos += 3;
            return v;
        }

        byte[] bytes(int n) throws TlsParseException {
            need(n);
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        Reader sub(int n) throws TlsParseException {
            need(n);
            Reader r = new Reader(b, pos, n);
            pos += n;
            return r;
        }
    }
}
