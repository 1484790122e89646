package io.smtpscope.smtp;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based fuzzing of the EHLO extension parser: any reply lines, never an exception. */
class EhloExtensionsFuzzTest {

    record Input(List<String> lines, String keyword) {
    }

    @Test
    void anyReplyLinesAreParsedWithoutException() {
        RandomInputs.forAll(1000, r -> new Input(r.list(1, 40, () -> line(r)), line(r)), input -> {
            List<String> lines = input.lines();
            String keyword = input.keyword();
            EhloExtensions extensions = EhloExtensions.fromReply(new SmtpReply(250, lines));
            assertEquals(lines.size() - 1, extensions.lines().size() + (int) lines.stream().skip(1).filter(l -> l.strip().isEmpty()).count());
            extensions.has(keyword);
            extensions.parameters(keyword).forEach(p -> assertTrue(!p.isEmpty() && p.chars().noneMatch(Character::isWhitespace)));
            extensions.maskedStartTls().ifPresent(masked -> assertEquals(8, masked.length()));
            for (String mechanism : extensions.authMechanisms()) {
                assertTrue(!mechanism.isEmpty() && mechanism.equals(mechanism.toUpperCase(java.util.Locale.ROOT)));
            }
            assertEquals(extensions.authMechanisms().size(), extensions.authMechanisms().stream().distinct().count());
        });
    }

    static String line(RandomInputs r) {
        return r.oneOf(
                () -> r.pick("STARTTLS", "XXXXXXXA", "AUTH PLAIN LOGIN", "AUTH=LOGIN", "AUTH", "AUTH ", "AUTH= =",
                        "SIZE", "SIZE 10240000", "  ", "", "\t", "starttls", "X-\u0000", "\u00ff\u00fe"),
                () -> r.string(40));
    }
}
