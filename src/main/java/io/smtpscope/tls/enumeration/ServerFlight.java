package io.smtpscope.tls.enumeration;

import java.util.List;
import java.util.Set;

/** What the server answered to one ClientHello, as far as we read it. */
public sealed interface ServerFlight {

    /**
     * A ServerHello or HelloRetryRequest. {@code version}: the negotiated version (supported_versions when
     * present, else legacy_version). {@code group}: the key_share group (TLS 1.3) or null.
     * {@code ecdheCurve}/{@code dhBits}: from a TLS 1.2-and-below ServerKeyExchange when it was read.
     * {@code certificates}: DER certificates from a plaintext Certificate message (TLS 1.2 and below).
     * {@code complete}: the flight up to ServerHelloDone (or the TLS 1.3 hello) was read.
     */
    record Hello(int version, int cipherSuite, boolean helloRetry, Integer group, Set<Integer> extensions,
                 String alpn, List<byte[]> certificates, Integer ecdheCurve, Integer dhBits, boolean complete)
            implements ServerFlight {
        public Hello {
            extensions = Set.copyOf(extensions);
            certificates = List.copyOf(certificates);
        }

        Hello completed() {
            return new Hello(version, cipherSuite, helloRetry, group, extensions, alpn, certificates, ecdheCurve, dhBits, true);
        }
    }

    /** A TLS alert (RFC 8446 section 6): the hello was refused. */
    record Alert(int level, int description) implements ServerFlight {
        public String describe() {
            return AlertDescription.name(description);
        }
    }

    /** An SSLv2 SERVER-HELLO: {@code cipherKinds} the server would use (empty = it speaks SSLv2 but offers nothing). */
    record Ssl2Hello(int version, List<Integer> cipherKinds) implements ServerFlight {
        public Ssl2Hello {
            cipherKinds = List.copyOf(cipherKinds);
        }
    }

    /** An SSLv2 ERROR message. */
    record Ssl2Error(int code) implements ServerFlight {
    }

    /** Not enough bytes yet to decide. */
    record Incomplete() implements ServerFlight {
    }
}
