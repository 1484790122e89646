package io.smtpscope.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A user name and its secret: a password, or an OAuth 2 access token for XOAUTH2. The secret never
 * appears in {@link #toString()}; {@link #secretForms()} lists every spelling of it that could leak
 * (raw, and base64 alone or inside the SASL strings we build) so output can be checked and redacted.
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
        return "\0" + user + "\0" + secret;
    }

    /** Google's XOAUTH2 initial client response: user=U ^A auth=Bearer T ^A ^A. */
    String xoauth2Message() {
        return "user=" + user + "\u0001auth=Bearer " + secret + "\u0001\u0001";
    }

    public List<String> secretForms() {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.add(base64(secret));
        forms.add(base64(plainMessage()));
        forms.add(base64(xoauth2Message()));
        forms.add(base64(user + "\0" + user + "\0" + secret));
        return List.copyOf(forms);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", " + kind + "=***]";
    }
}
