package io.smtpscope.result;

/**
 * One TLSA record held against the chain an endpoint presented: {@code matched} is true when it authenticates the
 * server (RFC 7672 section 3.1); {@code why} says what matched (which certificate of the chain) or why not.
 */
public record TlsaMatch(TlsaSeen record, boolean matched, String why) {
    public TlsaMatch {
        why = ChainCertificate.escaped(why);
    }
}
