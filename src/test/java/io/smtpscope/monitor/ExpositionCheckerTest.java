package io.smtpscope.monitor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checker must itself reject what the format forbids, or the metrics tests prove nothing. */
class ExpositionCheckerTest {
    @Test
    void acceptsAValidExposition() {
        var families = ExpositionChecker.parse("""
                # HELP a_seconds Help with \\\\ and \\n.
                # TYPE a_seconds gauge
                a_seconds{host="x\\"y\\\\z\\n",port="25"} 1.5e3
                a_seconds{host="w",port="25"} NaN
                # TYPE h histogram
                h_bucket{le="+Inf"} 3
                h_count 3
                h_sum 1
                """);
        assertEquals("x\"y\\z\n", families.get("a_seconds").samples().get(0).labels().get("host"));
        assertEquals(3, families.get("h").samples().size());
    }

    @Test
    void rejectsWhatTheFormatForbids() {
        for (String bad : new String[]{
                "1bad 1\n",                                  // metric name starts with a digit
                "a{1x=\"v\"} 1\n",                           // label name
                "a{x=\"v\"v\"} 1\n",                         // unescaped quote
                "a{x=\"v\\t\"} 1\n",                         // unknown escape
                "a{x=\"v\"} one\n",                          // value
                "a 1",                                       // no final newline
                "# TYPE a gauge\n# TYPE a gauge\na 1\n",     // TYPE twice
                "a 1\n# TYPE a gauge\n",                     // TYPE after samples
                "a{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n",         // family not grouped
                "a{x=\"1\"} 1\na{x=\"1\"} 2\n",              // duplicate series
                "# TYPE a gage\na 1\n"}) {                   // unknown type
            assertThrows(IllegalArgumentException.class, () -> ExpositionChecker.parse(bad), bad);
        }
    }
}
