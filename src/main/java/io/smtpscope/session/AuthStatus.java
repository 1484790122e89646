package io.smtpscope.session;

import com.fasterxml.jackson.annotation.JsonValue;

/** How one login attempt ended; the label is what the login JSON and console show, and the login-advice key. */
public enum AuthStatus {
    SUCCESS("success"),
    AUTH_FAILED("auth-failed"),
    TEMPORARY_FAILURE("temporary-failure"),
    /** We did not send credentials without TLS. */
    REFUSED_PLAINTEXT("refused-plaintext"),
    /** Nor to a server whose certificate did not verify. */
    CERTIFICATE_REJECTED("certificate-rejected"),
    AUTH_NOT_OFFERED("auth-not-offered"),
    NO_COMMON_MECHANISM("no-common-mechanism"),
    /** The session failed before AUTH could be tried. */
    NOT_ATTEMPTED("not-attempted");

    private final String label;

    AuthStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
