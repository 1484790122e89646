package io.smtpscope.tls.enumeration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/**
 * Encodes ClientHello messages of our own, so enumeration does not depend on which suites the JDK can run.
 * Every hello is a single TLS record (RFC 8446 section 5.1, RFC 5246 section 7.4.1.2); we never finish a
 * handshake, so key shares are random bytes of the right length (or absent: an empty key_share makes a
 * TLS 1.3 server answer with a HelloRetryRequest naming the group it wants, RFC 8446 section 4.2.8).
 */
public final class ClientHelloBuilder {
    /** Extension type codes (IANA "TLS ExtensionType Values"). */
    static final int EXT_SERVER_NAME = 0;
    static final int EXT_STATUS_REQUEST = 5;
    static final int EXT_SUPPORTED_GROUPS = 10;
    static final int EXT_EC_POINT_FORMATS = 11;
    static final int EXT_SIGNATURE_ALGORITHMS = 13;
    static final int EXT_ALPN = 16;
    static final int EXT_EXTENDED_MASTER_SECRET = 23;
    static final int EXT_SESSION_TICKET = 35;
    static final int EXT_SUPPORTED_VERSIONS = 43;
    static final int EXT_PSK_KEY_EXCHANGE_MODES = 45;
    static final int EXT_KEY_SHARE = 51;
    static final int EXT_RENEGOTIATION_INFO = 0xFF01;

    /** Every signature scheme a server might insist on, newest first (RFC 8446 section 4.2.3, RFC 5246 7.4.1.4.1). */
    static final int[] SIGNATURE_ALGORITHMS = {
            0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
            0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202};

    /** SSLv2 cipher kinds (draft-hickman-netscape-ssl-00 appendix B). */
    static final int[] SSL2_CIPHER_KINDS = {0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700C0};

    private final Random random;
    private TlsVersion version = TlsVersion.TLS12;
    private List<Integer> suites = List.of();
    private String serverName;
    private List<Integer> groups = List.of();
    private List<Integer> keyShares = List.of();
    private List<String> alpn = List.of();
    private final java.util.Map<Integer, byte[]> extra = new java.util.LinkedHashMap<>();

    public ClientHelloBuilder() {
        this(new SecureRandom());
    }

    /** A fixed {@link Random} makes the bytes reproducible (tests). */
    public ClientHelloBuilder(Random random) {
        this.random = random;
    }

    public ClientHelloBuilder version(TlsVersion v) {
        this.version = v;
        return this;
    }

    public ClientHelloBuilder suites(List<Integer> codes) {
        this.suites = List.copyOf(codes);
        return this;
    }

    /** SNI host name (RFC 6066 section 3); ignored when null or an IP literal, which SNI must not carry. */
    public ClientHelloBuilder serverName(String name) {
        this.serverName = name == null || name.isEmpty() || name.contains(":") || name.matches("[0-9.]+") ? null : name;
        return this;
    }

    public ClientHelloBuilder groups(List<Integer> codes) {
        this.groups = List.copyOf(codes);
        return this;
    }

    /** Groups to send (random) key shares for in a TLS 1.3 hello; empty sends an empty key_share list. */
    public ClientHelloBuilder keyShares(List<Integer> codes) {
        this.keyShares = List.copyOf(codes);
        return this;
    }

    public ClientHelloBuilder alpn(List<String> protocols) {
        this.alpn = List.copyOf(protocols);
        return this;
    }

    /**
     * One more extension, sent after the usual ones (a check's own: heartbeat, RFC 6520). {@code data} is the
     * extension's body without its type and length.
     */
    public ClientHelloBuilder extension(int type, byte[] data) {
        extra.put(type, data.clone());
        return this;
    }

    /** The whole TLS record carrying the ClientHello. */
    public byte[] build() {
        if (version == TlsVersion.SSLV2) {
            return buildSsl2();
        }
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("a ClientHello needs at least one cipher suite");
        }
        boolean tls13 = version == TlsVersion.TLS13;
        Bytes body = new Bytes();
        // RFC 8446 section 4.1.2: legacy_version is 0x0303 in a TLS 1.3 hello; the real offer is supported_versions.
        body.u16(tls13 ? 0x0303 : version.code());
        body.raw(randomBytes(32));
        if (tls13) {
            body.u8(32).raw(randomBytes(32)); // middlebox compatibility mode, RFC 8446 appendix D.4
        } else {
            body.u8(0);
        }
        body.u16(suites.size() * 2);
        suites.forEach(body::u16);
        body.u8(1).u8(0); // compression: null only
        if (version != TlsVersion.SSLV3) {
            byte[] ext = extensions(tls13);
            body.u16(ext.length).raw(ext);
        }
        Bytes handshake = new Bytes().u8(1).u24(body.size()).raw(body.toByteArray());
        // Record version: 0x0300 for SSLv3, else 0x0301 as most clients send (RFC 8446 section 5.1).
        int recordVersion = version == TlsVersion.SSLV3 ? 0x0300 : 0x0301;
        return new Bytes().u8(22).u16(recordVersion).u16(handshake.size()).raw(handshake.toByteArray()).toByteArray();
    }

    private byte[] extensions(boolean tls13) {
        Bytes ext = new Bytes();
        if (serverName != null) {
            byte[] host = serverName.getBytes(StandardCharsets.US_ASCII);
            Bytes list = new Bytes().u8(0).u16(host.length).raw(host);
            ext.u16(EXT_SERVER_NAME).u16(list.size() + 2).u16(list.size()).raw(list.toByteArray());
        }
        if (!groups.isEmpty()) {
            ext.u16(EXT_SUPPORTED_GROUPS).u16(groups.size() * 2 + 2).u16(groups.size() * 2);
            groups.forEach(ext::u16);
        }
        if (!tls13) {
            ext.u16(EXT_EC_POINT_FORMATS).u16(2).u8(1).u8(0);
        }
        if (version.code() >= TlsVersion.TLS12.code()) {
            ext.u16(EXT_SIGNATURE_ALGORITHMS).u16(SIGNATURE_ALGORITHMS.length * 2 + 2).u16(SIGNATURE_ALGORITHMS.length * 2);
            for (int s : SIGNATURE_ALGORITHMS) {
                ext.u16(s);
            }
        }
        ext.u16(EXT_STATUS_REQUEST).u16(5).u8(1).u16(0).u16(0); // ocsp, no responder ids, no extensions
        if (!alpn.isEmpty()) {
            Bytes names = new Bytes();
            for (String p : alpn) {
                byte[] b = p.getBytes(StandardCharsets.US_ASCII);
                names.u8(b.length).raw(b);
            }
            ext.u16(EXT_ALPN).u16(names.size() + 2).u16(names.size()).raw(names.toByteArray());
        }
        ext.u16(EXT_EXTENDED_MASTER_SECRET).u16(0);
        ext.u16(EXT_SESSION_TICKET).u16(0);
        if (tls13) {
            ext.u16(EXT_SUPPORTED_VERSIONS).u16(3).u8(2).u16(0x0304);
            ext.u16(EXT_PSK_KEY_EXCHANGE_MODES).u16(2).u8(1).u8(1);
            Bytes shares = new Bytes();
            for (int group : keyShares) {
                int length = NamedGroup.byCode(group).map(NamedGroup::keyShareLength).filter(l -> l > 0).orElse(32);
                byte[] key = randomBytes(length);
                if (group >= 23 && group <= 25) {
                    key[0] = 4; // uncompressed point form (RFC 8446 section 4.2.8.2); the point itself is not checked here
                }
                shares.u16(group).u16(length).raw(key);
            }
            ext.u16(EXT_KEY_SHARE).u16(shares.size() + 2).u16(shares.size()).raw(shares.toByteArray());
        }
        ext.u16(EXT_RENEGOTIATION_INFO).u16(1).u8(0);
        extra.forEach((type, data) -> ext.u16(type).u16(data.length).raw(data));
        return ext.toByteArray();
    }

    /** An SSLv2-format CLIENT-HELLO offering version 2 only (draft-hickman-netscape-ssl-00 section 2.5). */
    private byte[] buildSsl2() {
        byte[] challenge = randomBytes(16);
        Bytes msg = new Bytes().u8(1).u16(0x0002).u16(SSL2_CIPHER_KINDS.length * 3).u16(0).u16(challenge.length);
        for (int kind : SSL2_CIPHER_KINDS) {
            msg.u8(kind >>> 16).u16(kind & 0xFFFF);
        }
        msg.raw(challenge);
        return new Bytes().u16(0x8000 | msg.size()).raw(msg.toByteArray()).toByteArray();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A tiny big-endian writer. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >>> 8).u8(v);
        }

        Bytes u24(int v) {
            return u8(v >>> 16).u16(v & 0xFFFF);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
