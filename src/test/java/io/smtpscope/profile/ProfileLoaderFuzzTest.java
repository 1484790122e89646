package io.smtpscope.profile;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Property-based fuzzing of the profile parser: any file content gives a profile or a
 * {@link ProfileException} with a message, never another exception.
 */
class ProfileLoaderFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("smtpscope-profile-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anyContentIsAProfileOrAClearError() {
        Map<String, Integer> outcomes = new TreeMap<>();
        RandomInputs.forAll(500, ProfileLoaderFuzzTest::yamlish, content -> {
            Path file = Files.createTempFile(DIR, "fuzz", ".yaml");
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8);
                try {
                    Profile profile = new ProfileLoader().load(file.toString());
                    assertNotNull(profile.probe());
                    outcomes.merge("loaded", 1, Integer::sum);
                } catch (ProfileException e) {
                    // Not asserted (yet): that every message names the file and line. An unknown parent in
                    // "extends: x" is reported without naming the file that says it (profile package owner's call).
                    assertFalse(e.getMessage() == null || e.getMessage().isBlank());
                    outcomes.merge("refused", 1, Integer::sum);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        });
        System.out.println("ProfileLoaderFuzzTest outcomes: " + outcomes);
    }

    static String yamlish(RandomInputs r) {
        return String.join("\n", r.list(0, 15, () -> r.oneOf(
                () -> key(r) + ": " + value(r),
                () -> r.string(30))));
    }

    private static String key(RandomInputs r) {
        return r.pick("name", "description", "extends", "ports", "modes", "ehlo_name",
                "try_starttls_unadvertised", "timeouts", "thresholds", "fail_on", "severity", "bogus", "  connect",
                "  banner", "  total", "  cert_expiry_warn_days", "  25", "- ");
    }

    private static String value(RandomInputs r) {
        return r.oneOf(
                () -> r.pick("default", "[25, 465]", "[0]", "[99999]", "[-1]", "starttls", "implicit-tls", "bogus",
                        "10s", "0s", "-5s", "99999999999999999999s", "1m", "500ms", "true", "fail", "warn", "{}", "[]",
                        "~", "'", "\"", "&a", "*a", "!!binary AAAA", "{a: [", "\t", "default.yaml", "/dev/null"),
                () -> r.string(20));
    }
}
