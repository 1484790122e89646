package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of the TCP connect: the closed set of the report contract. */
public enum Reachability {
    OPEN("open"),
    REFUSED("refused"),
    TIMEOUT("timeout"),
    UNREACHABLE("unreachable"),
    DNS_ERROR("dns-error"),
    /** No connection was tried: the address is out of the scan's scope (an MX host in a private range). */
    NOT_SCANNED("not-scanned");

    private final String label;

    Reachability(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
