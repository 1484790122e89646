package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a DANE sender would conclude on one MX endpoint (RFC 7672 section 2.2 and 3): the closed set of the report contract. */
public enum DaneOutcome {
    /** A usable TLSA record matched the chain the server presented. */
    AUTHENTICATED("authenticated"),
    /** Usable TLSA records, none matched: a DANE sender does not deliver. */
    NO_MATCH("no-match"),
    /**
     * The server holds several certificates (RSA and ECDSA) and usable TLSA records match some, not all: a DANE
     * sender that negotiates an unmatched one does not deliver (which one it gets depends on its signature algorithms).
     */
    PARTIAL_MATCH("partial-match"),
    /** Secure TLSA records but no TLS session (STARTTLS missing or failed): a DANE sender does not deliver. */
    NO_TLS("no-tls"),
    /** Only unusable TLSA records: TLS is required, the certificate is not checked. */
    NOT_AUTHENTICATED("not-authenticated"),
    /** The TLSA lookup failed or was bogus: a DANE sender treats the host as unreachable. */
    UNREACHABLE("unreachable"),
    /** No secure TLSA records: DANE does not apply to this endpoint. */
    NOT_APPLICABLE("not-applicable");

    private final String label;

    DaneOutcome(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
