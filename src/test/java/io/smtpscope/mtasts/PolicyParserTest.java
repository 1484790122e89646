package io.smtpscope.mtasts;

import io.smtpscope.result.MtaStsMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyParserTest {
    private static PolicyParser.Parsed parse(String text) {
        return PolicyParser.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aValidPolicyInLfOrCrlf() {
        String lf = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\n";
        PolicyParser.Parsed parsed = parse(lf);
        assertTrue(parsed.valid(), parsed.problems().toString());
        assertEquals("STSv1", parsed.policy().version());
        assertEquals(MtaStsMode.ENFORCE, parsed.policy().mode());
        assertEquals(604800L, parsed.policy().maxAge());
        assertEquals(List.of("mail.example.com", "*.example.net"), parsed.policy().mx());
        PolicyParser.Parsed crlf = parse(lf.replace("\n", "\r\n"));
        assertTrue(crlf.valid(), crlf.problems().toString());
        assertEquals(parsed.policy(), crlf.policy());
        assertEquals(parsed.canonicalSha256(), crlf.canonicalSha256(), "line endings are not a policy change");
        assertTrue(parse("version: STSv1\nmode: none\nmax_age: 86400").valid(), "no final newline, no mx under none");
    }

    @Test
    void unknownKeysAreIgnoredAndDuplicatesReported() {
        PolicyParser.Parsed parsed = parse("version: STSv1\nfuture_key: whatever\nmode: testing\nmode: enforce\n"
                + "max_age: 86400\nmax_age: 5\nmx: a.example.com\n");
        assertTrue(parsed.problems().isEmpty(), parsed.problems().toString());
        assertEquals(List.of("mode", "max_age"), parsed.duplicateKeys());
        assertEquals(MtaStsMode.TESTING, parsed.policy().mode(), "the first value counts");
        assertEquals(86400L, parsed.policy().maxAge());
        assertFalse(parsed.valid());
    }

    @Test
    void missingAndWrongFieldsAreProblems() {
        assertEquals(List.of("the version field is missing", "the mode field is missing", "the max_age field is missing"),
                parse("mx: a.example.com\n").problems());
        assertTrue(parse("version: STSv2\nmode: enforce\nmx: a.b\nmax_age: 1\n").problems().get(0).contains("not STSv1"));
        assertTrue(parse("version: STSv1\nmode: strict\nmx: a.b\nmax_age: 1\n").problems().get(0).contains("strict"));
        assertTrue(parse("version: STSv1\nmode: enforce\nmax_age: 1\n").problems().get(0).contains("no mx"));
        assertTrue(parse("version: STSv1\nmode: none\nmax_age: 31557601\n").problems().get(0).contains("exceeds"));
        assertTrue(parse("version: STSv1\nmode: none\nmax_age: 31557600\n").valid());
        assertTrue(parse("version: STSv1\nmode: none\nmax_age: 12345678901\n").problems().get(0).contains("1 to 10 digits"));
        assertTrue(parse("version: STSv1\nmode: none\nmax_age: -1\n").problems().get(0).contains("1 to 10 digits"));
        assertTrue(parse("version: STSv1\nmode none\nmax_age: 1\n").problems().get(0).contains("not 'key: value'"));
        assertTrue(parse("version: STSv1\n mode: none\nmax_age: 1\n").problems().get(0).contains("invalid key"));
    }

    @Test
    void invalidPatternsAreListed() {
        PolicyParser.Parsed parsed = parse("version: STSv1\nmode: enforce\nmx: mail*.example.com\nmx: *.*.example.com\n"
                + "mx: ok.example.com\nmax_age: 604800\n");
        assertEquals(2, parsed.invalidPatterns().size());
        assertTrue(parsed.invalidPatterns().get(0).startsWith("mail*.example.com: "));
        assertEquals(3, parsed.policy().mx().size(), "every pattern is kept as published");
    }

    @Test
    void hostileBodiesAreProblemsNeverCrashes() {
        byte[] nul = "version: STSv1\nmode: enforce\u0000\nmx: a.b\nmax_age: 1\n".getBytes(StandardCharsets.ISO_8859_1);
        PolicyParser.Parsed withNul = PolicyParser.parse(nul);
        assertTrue(withNul.problems().get(0).contains("0x00"), withNul.problems().toString());
        assertNull(withNul.policy().mode(), "'enforce\\0' is no mode");

        PolicyParser.Parsed escape = parse("version: STSv1\nmode: \u001b[31menforce\nmx: a.b\nmax_age: 1\n");
        assertTrue(escape.problems().stream().noneMatch(p -> p.chars().anyMatch(c -> c < 0x20)), "problems are escaped");

        PolicyParser.Parsed utf8 = PolicyParser.parse("version: STSv1\nmode: none\nmax_age: 1\nmx: bücher.example\n"
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(utf8.problems().get(0).contains("non-ASCII"));

        assertTrue(parse("version: STSv1\rmode: none\nmax_age: 1\n").problems().get(0).contains("CR"));

        StringBuilder many = new StringBuilder("version: STSv1\nmode: enforce\nmax_age: 604800\n");
        for (int i = 0; i < 5_000; i++) {
            many.append("mx: mx").append(i).append(".example.com\n");
        }
        PolicyParser.Parsed capped = parse(many.toString());
        assertEquals(PolicyParser.MAX_PATTERNS, capped.policy().mx().size());
        assertTrue(capped.problems().get(0).contains("more than"));

        PolicyParser.Parsed oneLongLine = parse("version: STSv1\nmode: enforce\nmax_age: 1\nmx: " + "a".repeat(60_000) + "\n");
        assertTrue(oneLongLine.policy().mx().get(0).length() < 300, "a value is shown bounded");
        assertEquals(1, oneLongLine.invalidPatterns().size());

        assertEquals(3, parse("").problems().size());
    }

    @Test
    void theHashFollowsWhatSendersApply() {
        String base = "version: STSv1\nmode: enforce\nmx: a.example.com\nmx: b.example.com\nmax_age: 604800\n";
        String reordered = "max_age: 604800\nmx: b.example.com\nversion: STSv1\nmx: A.example.com\nmode: enforce\nextra: 1\n";
        assertEquals(parse(base).canonicalSha256(), parse(reordered).canonicalSha256());
        assertNotEquals(parse(base).canonicalSha256(), parse(base.replace("enforce", "testing")).canonicalSha256());
        assertNotEquals(parse(base).canonicalSha256(), parse(base.replace("b.example.com", "c.example.com")).canonicalSha256());
        assertEquals(64, parse(base).canonicalSha256().length());
    }
}
