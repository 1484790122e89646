package io.smtpscope.target;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of target parsing: any input gives a target or an {@link IllegalArgumentException}
 * with a message; a target list gives targets and input errors with line numbers, never an exception.
 */
class TargetParserFuzzTest {

    @Property
    void anyTextIsATargetOrAClearError(@ForAll("targetish") String text) {
        try {
            TargetSpec spec = TargetParser.parse(text);
            assertNotNull(spec.host());
            spec.port().ifPresent(p -> assertTrue(p >= 1 && p <= 65535));
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Property
    void anyListGivesTargetsAndNumberedErrors(@ForAll("lists") String list) throws IOException {
        TargetListReader.Result result = TargetListReader.read(new StringReader(list), "fuzz.txt");
        long lines = list.isEmpty() ? 0 : list.lines().count();
        for (TargetListReader.InputError error : result.errors()) {
            assertTrue(error.line() >= 1 && error.line() <= lines, error::toString);
            assertFalse(error.message() == null || error.message().isBlank(), error::toString);
        }
        assertTrue(result.targets().size() + result.errors().size() <= lines);
    }

    @Provide
    Arbitrary<String> targetish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("abc.-_:[]/0123456789xn-ü*%# \t").ofMaxLength(40),
                Arbitraries.of("[::1]:25", "[::1", "::1:25", "mail.test:0", "mail.test:65536", "mail.test:99999999999",
                        "a..b", "-a.test", "mail.test/tls", "mail.test/bogus", "/", ":", "[]", "[x]:25", "1.2.3.4.5",
                        "256.1.1.1", "xn--", "xn--zz", "\u0085", "a\u0085b.test", "\u202e.test"));
    }

    @Provide
    Arbitrary<String> lists() {
        return targetish().list().ofMaxSize(20).map(lines -> String.join("\n", lines));
    }
}
