package io.smtpscope.tls.enumeration;

import java.util.Optional;

/** Protocol versions as named in the report ({@code tls.protocols} keys) and their wire codes. */
public enum TlsVersion {
    SSLV2("SSLv2", 0x0002),
    SSLV3("SSLv3", 0x0300),
    TLS10("TLSv1", 0x0301),
    TLS11("TLSv1.1", 0x0302),
    TLS12("TLSv1.2", 0x0303),
    TLS13("TLSv1.3", 0x0304);

    private final String label;
    private final int code;

    TlsVersion(String label, int code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    public int code() {
        return code;
    }

    public static Optional<TlsVersion> fromCode(int code) {
        for (TlsVersion v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public static String describe(int code) {
        return fromCode(code).map(TlsVersion::label).orElse(String.format("0x%04X", code));
    }
}
