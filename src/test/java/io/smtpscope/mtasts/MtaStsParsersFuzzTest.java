package io.smtpscope.mtasts;

import io.smtpscope.fuzz.RandomInputs;
import io.smtpscope.result.MtaStsMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of what reads MTA-STS data from DNS and HTTPS: any bytes give a result, never an
 * exception; what a result shows is bounded and free of control characters; what it accepts obeys RFC 8461.
 */
class MtaStsParsersFuzzTest {
    private static final byte[] VALID = ("version: STSv1\r\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\n"
            + "max_age: 604800\n").getBytes(StandardCharsets.US_ASCII);

    private static boolean printable(String s) {
        return s == null || s.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0));
    }

    @Test
    void anyPolicyBodyParsesWithoutExceptionAndShowsOnlyPrintableText() {
        RandomInputs.forAll(1000, r -> r.oneOf(
                () -> r.overwrite(VALID, 1, 8),
                () -> r.bytes(0, 2000),
                () -> policyLines(r)), body -> {
            PolicyParser.Parsed parsed = PolicyParser.parse(body);
            assertNotNull(parsed.policy());
            assertTrue(parsed.policy().mx().size() <= PolicyParser.MAX_PATTERNS);
            assertTrue(parsed.canonicalSha256().matches("[0-9a-f]{64}"));
            assertTrue(printable(parsed.policy().version()));
            parsed.policy().mx().forEach(m -> assertTrue(printable(m) && m.length() <= 203, m));
            parsed.problems().forEach(p -> assertTrue(printable(p), p));
            parsed.invalidPatterns().forEach(p -> assertTrue(printable(p), p));
            if (parsed.valid()) {
                assertEquals("STSv1", parsed.policy().version());
                assertNotNull(parsed.policy().mode());
                assertTrue(parsed.policy().maxAge() <= PolicyParser.MAX_AGE_LIMIT);
                assertTrue(parsed.policy().mode() == MtaStsMode.NONE || !parsed.policy().mx().isEmpty());
            }
        });
    }

    private static byte[] policyLines(RandomInputs r) {
        List<String> lines = r.list(0, 30, () -> r.pick("version", "mode", "max_age", "mx", "x", "MODE", "", "\u0000")
                + r.pick(":", ": ", " :", "", ":\t") + r.oneOf(
                () -> r.pick("STSv1", "enforce", "testing", "none", "86400", "31557601", "99999999999", "*.a.test",
                        "a.test", "*.*.a", "mail*.a.test", ""),
                () -> r.string(30)));
        return String.join(r.pick("\n", "\r\n", "\r"), lines).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anyTxtRecordParsesWithoutExceptionAndAnAcceptedIdIsValid() {
        RandomInputs.forAll(1000, r -> r.oneOf(
                () -> "v=STSv1;" + r.string(80),
                () -> r.pick("v=STSv1; id=", "v=STSv1;id=", "v = STSv1 ; id = ") + r.string("abcXYZ019-_; =\t\\x", 40),
                () -> r.string(120)), text -> {
            StsRecord.Parsed parsed = StsRecord.parse(text);
            if (parsed.valid()) {
                assertTrue(parsed.id().matches("[A-Za-z0-9]{1,32}"), parsed.id());
                assertNull(parsed.problem());
            }
            assertTrue(parsed.problem() == null || parsed.id() == null);
            StsRecord.candidates(new ArrayList<>(List.of(text)));
        });
    }

    @Test
    void anyPatternAndHostMatchWithoutExceptionAndOnlyValidPatternsMatch() {
        RandomInputs.forAll(1000, r -> List.of(
                r.oneOf(() -> r.pick("*.", "", "*") + r.string("ab.-*", 12), () -> r.string(20)),
                r.oneOf(() -> r.string("ab.-", 12), () -> r.string(20))), pair -> {
            String pattern = pair.get(0);
            String host = pair.get(1);
            if (MxPattern.matches(pattern, host)) {
                assertNull(MxPattern.problem(pattern), pattern);
                int patternLabels = pattern.replaceAll("\\.$", "").split("\\.", -1).length;
                int hostLabels = host.replaceAll("\\.$", "").split("\\.", -1).length;
                assertEquals(patternLabels, hostLabels, "a wildcard stands for exactly one label");
            }
        });
    }
}
