package io.smtpscope.smtp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based fuzzing of the EHLO extension parser: any reply lines, never an exception. */
class EhloExtensionsFuzzTest {

    @Property
    void anyReplyLinesAreParsedWithoutException(@ForAll("lineLists") List<String> lines,
                                                @ForAll("lines") String keyword) {
        EhloExtensions extensions = EhloExtensions.fromReply(new SmtpReply(250, lines));
        assertEquals(lines.size() - 1, extensions.lines().size() + (int) lines.stream().skip(1).filter(l -> l.strip().isEmpty()).count());
        extensions.has(keyword);
        extensions.parameters(keyword).forEach(p -> assertTrue(!p.isEmpty() && p.chars().noneMatch(Character::isWhitespace)));
        extensions.maskedStartTls().ifPresent(masked -> assertEquals(8, masked.length()));
        for (String mechanism : extensions.authMechanisms()) {
            assertTrue(!mechanism.isEmpty() && mechanism.equals(mechanism.toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals(extensions.authMechanisms().size(), extensions.authMechanisms().stream().distinct().count());
    }

    @Provide
    Arbitrary<List<String>> lineLists() {
        return lines().list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.oneOf(
                Arbitraries.of("STARTTLS", "XXXXXXXA", "AUTH PLAIN LOGIN", "AUTH=LOGIN", "AUTH", "AUTH ", "AUTH= =",
                        "SIZE", "SIZE 10240000", "  ", "", "\t", "starttls", "X-\u0000", "\u00ff\u00fe"),
                Arbitraries.strings().ofMaxLength(40));
    }
}
