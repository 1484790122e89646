package io.smtpscope.target;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of target parsing: any input gives a target or an {@link IllegalArgumentException}
 * with a message; a target list gives targets and input errors with line numbers, never an exception.
 */
class TargetParserFuzzTest {

    @Test
    void anyTextIsATargetOrAClearError() {
        RandomInputs.forAll(1000, TargetParserFuzzTest::targetish, text -> {
            try {
                TargetSpec spec = TargetParser.parse(text);
                assertNotNull(spec.host());
                spec.port().ifPresent(p -> assertTrue(p >= 1 && p <= 65535));
            } catch (IllegalArgumentException e) {
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank());
            }
        });
    }

    @Test
    void anyListGivesTargetsAndNumberedErrors() {
        RandomInputs.forAll(1000, TargetParserFuzzTest::list, list -> {
            TargetListReader.Result result = TargetListReader.read(new StringReader(list), "fuzz.txt");
            long lines = list.isEmpty() ? 0 : list.lines().count();
            for (TargetListReader.InputError error : result.errors()) {
                assertTrue(error.line() >= 1 && error.line() <= lines, error::toString);
                assertFalse(error.message() == null || error.message().isBlank(), error::toString);
            }
            assertTrue(result.targets().size() + result.errors().size() <= lines);
        });
    }

    static String targetish(RandomInputs r) {
        return r.oneOf(
                () -> r.string(80),
                () -> r.string("abc.-_:[]/0123456789xn-ü*%# \t", 40),
                () -> r.pick("[::1]:25", "[::1", "::1:25", "mail.test:0", "mail.test:65536", "mail.test:99999999999",
                        "a..b", "-a.test", "mail.test/tls", "mail.test/bogus", "/", ":", "[]", "[x]:25", "1.2.3.4.5",
                        "256.1.1.1", "xn--", "xn--zz", "\u0085", "a\u0085b.test", "\u202e.test"));
    }

    static String list(RandomInputs r) {
        return String.join("\n", r.list(0, 20, () -> targetish(r)));
    }
}
