package io.smtpscope.target;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of a target as a user (or a target file) writes it: a spec with a host and a valid
 * port, or an {@link IllegalArgumentException} with a message a person can read — never anything else.
 */
class TargetParserJazzerTest {
    @FuzzTest(maxDuration = "30s")
    void anyTargetTextParsesOrIsRefusedWithAMessage(@NotNull String text) {
        try {
            TargetSpec spec = TargetParser.parse(text);
            assertNotNull(spec.host());
            spec.port().ifPresent(p -> assertTrue(p >= 1 && p <= 65535));
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }
}
