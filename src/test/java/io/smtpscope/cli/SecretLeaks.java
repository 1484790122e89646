package io.smtpscope.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The grep over everything we produced: the secret and its base64 spellings must not appear anywhere. */
final class SecretLeaks {
    private SecretLeaks() {
    }

    static List<String> forms(String user, String secret) {
        Base64.Encoder b64 = Base64.getEncoder();
        return List.of(secret,
                b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(("\0" + user + "\0" + secret).getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(("user=" + user + "\u0001auth=Bearer " + secret + "\u0001\u0001").getBytes(StandardCharsets.UTF_8)));
    }

    static void assertAbsent(String user, String secret, String... outputs) {
        for (String output : outputs) {
            for (String form : forms(user, secret)) {
                assertFalse(output.contains(form), "secret form found in output:\n" + output.replace(form, "<<LEAK>>"));
            }
        }
    }
}
