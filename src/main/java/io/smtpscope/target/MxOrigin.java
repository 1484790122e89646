package io.smtpscope.target;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Which mail domain and MX record an endpoint was found through (RFC 5321 section 5.1). {@code host} is the
 * MX exchange; {@code implicit} when the domain has no MX record and its own A/AAAA stands in for one
 * (preference 0, host = domain); host {@code "."} is a null MX (RFC 7505). For a domain whose MX lookup
 * failed, preference and host are null.
 */
public record MxOrigin(String domain, Integer preference, String host, boolean implicit) {
    public static final String NULL_MX_HOST = ".";

    public static MxOrigin exchange(String domain, int preference, String host) {
        return new MxOrigin(domain, preference, host, false);
    }

    public static MxOrigin implicitFor(String domain) {
        return new MxOrigin(domain, 0, domain, true);
    }

    public static MxOrigin nullMx(String domain) {
        return new MxOrigin(domain, 0, NULL_MX_HOST, false);
    }

    public static MxOrigin failed(String domain) {
        return new MxOrigin(domain, null, null, false);
    }

    /** The domain declares that it accepts no mail (RFC 7505). */
    @JsonIgnore
    public boolean isNullMx() {
        return NULL_MX_HOST.equals(host);
    }
}
