package io.smtpscope.dns;

import io.smtpscope.result.TlsaSeen;
import org.xbill.DNS.TLSARecord;

import java.util.HexFormat;

/** Reads TLSA records (RFC 6698) and says whether each is usable for SMTP (RFC 7672 section 3.1). */
public final class Tlsa {
    /** A full certificate (matching type 0) is a few KiB; anything larger is not a certificate worth matching. */
    static final int MAX_DATA_BYTES = 16 * 1024;

    private Tlsa() {
    }

    /** The TLSA owner name for {@code host} and {@code port} (RFC 6698 section 3): {@code _25._tcp.mx.example}. */
    public static String ownerName(String host, int port) {
        return "_" + port + "._tcp." + host;
    }

    public static TlsaSeen seen(TLSARecord r) {
        byte[] data = r.getCertificateAssociationData();
        String hex = HexFormat.of().formatHex(data, 0, Math.min(data.length, MAX_DATA_BYTES));
        return seen(r.getCertificateUsage(), r.getSelector(), r.getMatchingType(), hex, data.length);
    }

    /** {@code length}: the association data's length in bytes (the hex may stop short of it when it is huge). */
    static TlsaSeen seen(int usage, int selector, int matchingType, String hex, int length) {
        String why = unusable(usage, selector, matchingType, length);
        return new TlsaSeen(usage, selector, matchingType, hex, why == null, why);
    }

    /** Null when usable for SMTP; otherwise why not, in plain words. */
    static String unusable(int usage, int selector, int matchingType, int length) {
        if (usage == 0 || usage == 1) {
            return "usage " + usage + (usage == 0 ? " (PKIX-TA)" : " (PKIX-EE)")
                    + " is unusable for SMTP: MX hosts have no WebPKI name for a sender to check (RFC 7672 section 3.1.3)";
        }
        if (usage != 2 && usage != 3) {
            return "unknown usage " + usage;
        }
        if (selector != 0 && selector != 1) {
            return "unknown selector " + selector;
        }
        return switch (matchingType) {
            case 0 -> length == 0 ? "empty association data"
                    : length > MAX_DATA_BYTES ? "association data of " + length + " bytes: too large for a certificate" : null;
            case 1 -> length == 32 ? null : "SHA-256 digest of " + length + " bytes (expected 32)";
            case 2 -> length == 64 ? null : "SHA-512 digest of " + length + " bytes (expected 64)";
            default -> "unknown matching type " + matchingType;
        };
    }
}
