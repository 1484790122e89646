package io.smtpscope.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The real Postfix + Dovecot SASL set up by src/test/postfix/setup-postfix.sh (CI runs it as root before
 * the tests). Without its properties file the tests that need it are skipped, loudly.
 */
record PostfixFixture(Properties properties) {
    static final Path PROPERTIES = Path.of(System.getenv().getOrDefault("SMTPSCOPE_POSTFIX_DIR", "/var/tmp/smtpscope-postfix"),
            "postfix.properties");

    static PostfixFixture require() {
        if (!Files.isRegularFile(PROPERTIES)) {
            String message = "SKIPPED: no real Postfix for this test: " + PROPERTIES
                    + " is missing (run src/test/postfix/setup-postfix.sh as root)";
            System.err.println(message);
            Assumptions.abort(message);
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            Assumptions.abort("SKIPPED: cannot read " + PROPERTIES + ": " + e.getMessage());
        }
        PostfixFixture fixture = new PostfixFixture(p);
        if (!Files.isReadable(fixture.path("sasl_password_file"))) {
            String message = "SKIPPED: the SASL password file " + fixture.get("sasl_password_file") + " is not readable by this user";
            System.err.println(message);
            Assumptions.abort(message);
        }
        return fixture;
    }

    String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(PROPERTIES + " has no key " + key);
        }
        return value;
    }

    Path path(String key) {
        return Path.of(get(key));
    }

    String password() throws IOException {
        return Files.readString(path("sasl_password_file"), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    }

    /** Server name pinned to the loopback address, as the certificate names it. */
    String target(String portKey) {
        return get("name") + ":" + get(portKey);
    }

    String[] tlsOptions() {
        return new String[]{"--resolve", get("name") + ":" + get("host"), "--ca-file", get("ca_file")};
    }
}
