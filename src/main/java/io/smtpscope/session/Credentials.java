package io.smtpscope.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A user name and its secret: a password, or an OAuth 2 access token for XOAUTH2. The secret never
 * appears in {@link #toString()}; {@link #carriers()} lists every message that carries it on the wire, so that
 * {@link Redactor} can mask it, whole or in pieces, raw or in base64.
 */
public final class Credentials {
    public enum Kind { PASSWORD, OAUTH_TOKEN }

    private final String user;
    private final String secret;
    private final Kind kind;

    public Credentials(String user, String secret, Kind kind) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("empty " + (kind == Kind.PASSWORD ? "password" : "token"));
        }
        this.user = user;
        this.secret = secret;
        this.kind = kind;
    }

    public String user() {
        return user;
    }

    public Kind kind() {
        return kind;
    }

    /** Package-private: only the SASL code in this package reads the secret. */
    String secret() {
        return secret;
    }

    /** RFC 4616: [authzid] NUL authcid NUL passwd; we never ask for another identity, so authzid is empty. */
    String plainMessage() {
        return plain().around(secret);
    }

    /** Google's XOAUTH2 initial client response: user=U ^A auth=Bearer T ^A ^A. */
    String xoauth2Message() {
        return xoauth2().around(secret);
    }

    /** A message that carries the secret: the text before it and after it. */
    record Carrier(String before, String after) {
        String around(String secret) {
            return before + secret + after;
        }
    }

    private Carrier plain() {
        return new Carrier("\0" + user + "\0", "");
    }

    private Carrier xoauth2() {
        return new Carrier("user=" + user + "\u0001auth=Bearer ", "\u0001\u0001");
    }

    /**
     * Every message that carries the secret on the wire, for {@link Redactor}: the secret alone (LOGIN sends it so),
     * PLAIN, XOAUTH2, and PLAIN with the user as authzid (RFC 4616 section 2), which some servers echo.
     */
    List<Carrier> carriers() {
        return List.of(new Carrier("", ""), plain(), xoauth2(), new Carrier(user + "\0" + user + "\0", ""));
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", " + kind + "=***]";
    }
}
