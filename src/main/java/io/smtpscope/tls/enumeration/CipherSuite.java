package io.smtpscope.tls.enumeration;

import java.util.Set;

/**
 * One entry of the IANA TLS cipher suite registry with the attributes the findings need.
 * {@code tls13}: a TLS 1.3 suite (RFC 8446 section B.4), offered only in TLS 1.3 hellos; the others are
 * offered from SSLv3 to TLS 1.2.
 */
public record CipherSuite(int code, String name, boolean tls13, String keyExchange, String authentication,
                          String cipher, String mac, Set<String> flags) {
    public CipherSuite {
        flags = Set.copyOf(flags);
    }

    public boolean aead() {
        return flags.contains("aead");
    }

    public boolean forwardSecret() {
        return flags.contains("fs");
    }

    public boolean export() {
        return flags.contains("export");
    }

    public boolean nullCipher() {
        return flags.contains("null");
    }

    public boolean anonymous() {
        return flags.contains("anon");
    }

    public boolean rc4() {
        return flags.contains("rc4");
    }

    public boolean des() {
        return flags.contains("des");
    }

    public boolean tripleDes() {
        return flags.contains("3des");
    }

    public boolean cbc() {
        return flags.contains("cbc");
    }

    public boolean ecdhe() {
        return keyExchange.equals("ECDHE");
    }

    public boolean dhe() {
        return keyExchange.equals("DHE");
    }
}
