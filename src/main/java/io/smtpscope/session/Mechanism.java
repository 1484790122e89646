package io.smtpscope.session;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The SASL mechanisms smtpscope speaks (RFC 4954 AUTH), by their registered names. */
public enum Mechanism {
    /** RFC 4616: one base64 message with user and password; safe only inside TLS. */
    PLAIN("PLAIN"),
    /** The old draft-murchison-sasl-login: user and password in two base64 steps; safe only inside TLS. */
    LOGIN("LOGIN"),
    /** RFC 2195: the password never crosses the wire, only an HMAC-MD5 of the server's challenge. */
    CRAM_MD5("CRAM-MD5"),
    /** Google/Microsoft XOAUTH2: an OAuth 2 bearer token instead of a password. */
    XOAUTH2("XOAUTH2");

    private final String saslName;

    Mechanism(String saslName) {
        this.saslName = saslName;
    }

    public String saslName() {
        return saslName;
    }

    public static Mechanism parse(String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(m -> m.saslName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mechanism '" + text
                        + "' (expected PLAIN, LOGIN, CRAM-MD5 or XOAUTH2)"));
    }

    /**
     * The best mechanism both sides support. Inside TLS, PLAIN first: it is the standard (RFC 4954 and
     * 8314 expect it over TLS) and works with every password store, while CRAM-MD5 fails with hashed
     * stores. Without TLS, CRAM-MD5 first, because only it keeps the password itself off the wire.
     * A token only ever goes with XOAUTH2, and a password never does.
     */
    public static Optional<Mechanism> choose(List<String> offered, Credentials.Kind kind, boolean encrypted) {
        List<Mechanism> order = kind == Credentials.Kind.OAUTH_TOKEN ? List.of(XOAUTH2)
                : encrypted ? List.of(PLAIN, LOGIN, CRAM_MD5) : List.of(CRAM_MD5, PLAIN, LOGIN);
        return order.stream().filter(m -> offered.contains(m.saslName)).findFirst();
    }

    @Override
    public String toString() {
        return saslName;
    }
}
