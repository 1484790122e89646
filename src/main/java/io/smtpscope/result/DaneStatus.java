package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What DNS says about DANE for one MX host (RFC 7672 section 2.2): the closed set of the report contract.
 */
public enum DaneStatus {
    /** The host's address records are not secure: DANE does not apply, senders use opportunistic TLS. */
    NOT_APPLICABLE("not-applicable"),
    /** Secure addresses, a secure denial of TLSA: no DANE for this host. */
    NO_TLSA("no-tlsa"),
    /** TLSA records exist but are not signed: senders ignore them. */
    TLSA_INSECURE("tlsa-insecure"),
    /** The TLSA answer failed validation: DANE senders treat the host as unreachable. */
    TLSA_BOGUS("tlsa-bogus"),
    /** The TLSA lookup failed (SERVFAIL, timeout): DANE senders treat the host as unreachable. */
    LOOKUP_FAILED("lookup-failed"),
    /** Secure TLSA records, none usable for SMTP: senders require TLS but do not authenticate the server. */
    UNUSABLE_ONLY("unusable-only"),
    /** Secure TLSA records, at least one usable: senders require TLS and a certificate that matches. */
    USABLE("usable");

    private final String label;

    DaneStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
