package io.smtpscope.tls.enumeration;

import java.util.List;
import java.util.Optional;

/**
 * Key-exchange groups (IANA "TLS Supported Groups", RFC 8422 section 5.1.1, RFC 7919, RFC 8446 section
 * 4.2.7, draft-ietf-tls-ecdhe-mlkem). {@code keyShareLength}: the size of a client key share, used to send
 * a share of the right length when one is wanted.
 */
public record NamedGroup(int code, String name, boolean tls13, int keyShareLength) {
    public static final List<NamedGroup> ALL = List.of(
            new NamedGroup(1, "sect163k1", false, 0), new NamedGroup(2, "sect163r1", false, 0),
            new NamedGroup(3, "sect163r2", false, 0), new NamedGroup(4, "sect193r1", false, 0),
            new NamedGroup(5, "sect193r2", false, 0), new NamedGroup(6, "sect233k1", false, 0),
            new NamedGroup(7, "sect233r1", false, 0), new NamedGroup(8, "sect239k1", false, 0),
            new NamedGroup(9, "sect283k1", false, 0), new NamedGroup(10, "sect283r1", false, 0),
            new NamedGroup(11, "sect409k1", false, 0), new NamedGroup(12, "sect409r1", false, 0),
            new NamedGroup(13, "sect571k1", false, 0), new NamedGroup(14, "sect571r1", false, 0),
            new NamedGroup(15, "secp160k1", false, 0), new NamedGroup(16, "secp160r1", false, 0),
            new NamedGroup(17, "secp160r2", false, 0), new NamedGroup(18, "secp192k1", false, 0),
            new NamedGroup(19, "secp192r1", false, 0), new NamedGroup(20, "secp224k1", false, 0),
            new NamedGroup(21, "secp224r1", false, 0), new NamedGroup(22, "secp256k1", false, 0),
            new NamedGroup(23, "secp256r1", true, 65), new NamedGroup(24, "secp384r1", true, 97),
            new NamedGroup(25, "secp521r1", true, 133), new NamedGroup(26, "brainpoolP256r1", false, 0),
            new NamedGroup(27, "brainpoolP384r1", false, 0), new NamedGroup(28, "brainpoolP512r1", false, 0),
            new NamedGroup(29, "x25519", true, 32), new NamedGroup(30, "x448", true, 56),
            new NamedGroup(31, "brainpoolP256r1tls13", true, 65), new NamedGroup(32, "brainpoolP384r1tls13", true, 97),
            new NamedGroup(33, "brainpoolP512r1tls13", true, 129),
            new NamedGroup(256, "ffdhe2048", true, 256), new NamedGroup(257, "ffdhe3072", true, 384),
            new NamedGroup(258, "ffdhe4096", true, 512), new NamedGroup(259, "ffdhe6144", true, 768),
            new NamedGroup(260, "ffdhe8192", true, 1024),
            new NamedGroup(0x11EB, "SecP256r1MLKEM768", true, 65 + 1184),
            new NamedGroup(0x11EC, "X25519MLKEM768", true, 1184 + 32),
            new NamedGroup(0x11ED, "SecP384r1MLKEM1024", true, 97 + 1568));

    /** Groups usable for TLS 1.3 key shares. */
    public static List<NamedGroup> tls13Groups() {
        return ALL.stream().filter(NamedGroup::tls13).toList();
    }

    /** Elliptic curves for ECDHE with TLS 1.2 and below (RFC 8422): codes 1-30 and the brainpool tls13 ones excluded. */
    public static List<NamedGroup> legacyCurves() {
        return ALL.stream().filter(g -> g.code() <= 30).toList();
    }

    public static Optional<NamedGroup> byCode(int code) {
        return ALL.stream().filter(g -> g.code() == code).findFirst();
    }

    public static String name(int code) {
        return byCode(code).map(NamedGroup::name).orElse(String.format("0x%04X", code));
    }
}
