package io.smtpscope.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The real Postfix + Dovecot SASL on loopback set up by src/test/postfix/setup-postfix.sh, as its
 * {@code postfix.properties} describes it. Obtained through {@link RealServices#postfix()}.
 */
public record PostfixFixture(Properties properties) {
    public String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(RealServices.postfixDir().resolve("postfix.properties") + " has no key " + key);
        }
        return value.strip();
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    public int port(String key) {
        return Integer.parseInt(get(key));
    }

    /** The SASL user's password; aborts or fails (as a missing Postfix does) when this user cannot read it. */
    public String password() throws IOException {
        RealServices.requirePostfix(Files.isReadable(path("sasl_password_file")),
                "the SASL password file " + get("sasl_password_file") + " is not readable by this user");
        return Files.readString(path("sasl_password_file"), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    }

    /** Server name pinned to the loopback address, as the certificate names it. */
    public String target(String portKey) {
        return get("name") + ":" + get(portKey);
    }

    public String[] tlsOptions() {
        return new String[]{"--resolve", get("name") + ":" + get("host"), "--ca-file", get("ca_file")};
    }
}
