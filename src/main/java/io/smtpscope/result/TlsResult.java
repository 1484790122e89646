package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TLS facts. {@code protocol}/{@code cipher_suite}: the session the probe negotiated (IANA names).
 * The rest comes from enumeration and is null when it did not run: {@code protocols} (version name to
 * true / false / null = could not test), {@code cipher_suites} (version to accepted suites, in server
 * preference order when the server enforces one), {@code server_preference}, {@code groups} (TLS 1.3
 * key-exchange groups accepted), {@code curves} (ECDHE curves accepted with TLS 1.2 and below),
 * {@code dh_bits} (smallest DHE group size seen), {@code extensions}, {@code connections_used},
 * {@code certificates_seen} (leaf certificates per key type seen in TLS 1.2-and-below hellos), {@code untested}
 * (what the enumeration could not test, and why: a protocol version by its name, or a dimension such as
 * "cipher suites TLSv1.2" or "ECDHE curves"; left out of the report when empty).
 */
public record TlsResult(String protocol, String cipherSuite, String sni,
                        Map<String, Boolean> protocols, Map<String, List<String>> cipherSuites,
                        Map<String, Boolean> serverPreference, List<String> groups, List<String> curves,
                        Integer dhBits, TlsExtensionsSeen extensions, Integer connectionsUsed,
                        List<TlsCertificateSeen> certificatesSeen,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> untested) {
    public TlsResult {
        untested = untested == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(untested));
    }

    /** The negotiated session only, before (or without) enumeration. */
    public static TlsResult negotiated(String protocol, String cipherSuite, String sni) {
        return new TlsResult(protocol, cipherSuite, sni, null, null, null, null, null, null, null, null, null, null);
    }
}
