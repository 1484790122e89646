package io.smtpscope.profile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Property(tries = 500)
    void anyContentIsAProfileOrAClearError(@ForAll("yamlish") String content) throws IOException {
        Path file = Files.createTempFile(DIR, "fuzz", ".yaml");
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            try {
                Profile profile = new ProfileLoader().load(file.toString());
                assertNotNull(profile.probe());
                Statistics.collect("loaded");
            } catch (ProfileException e) {
                // Not asserted (yet): that every message names the file and line. An unknown parent in
                // "extends: x" is reported without naming the file that says it (profile package owner's call).
                assertFalse(e.getMessage() == null || e.getMessage().isBlank());
                Statistics.collect("refused");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> key = Arbitraries.of("name", "description", "extends", "ports", "modes", "ehlo_name",
                "try_starttls_unadvertised", "timeouts", "thresholds", "fail_on", "severity", "bogus", "  connect",
                "  banner", "  total", "  cert_expiry_warn_days", "  25", "- ");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("default", "[25, 465]", "[0]", "[99999]", "[-1]", "starttls", "implicit-tls", "bogus",
                        "10s", "0s", "-5s", "99999999999999999999s", "1m", "500ms", "true", "fail", "warn", "{}", "[]",
                        "~", "'", "\"", "&a", "*a", "!!binary AAAA", "{a: [", "\t", "default.yaml", "/dev/null"),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> line = Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + ": " + v),
                Arbitraries.strings().ofMaxLength(30));
        return line.list().ofMaxSize(15).map(lines -> String.join("\n", lines));
    }
}
