package io.smtpscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalConverterTest {
    private final Converters.IntervalConverter interval = new Converters.IntervalConverter();

    @Test
    void acceptsSecondsMinutesHoursDays() {
        assertEquals(Duration.ofSeconds(2), interval.convert("2s"));
        assertEquals(Duration.ofMinutes(15), interval.convert("15m"));
        assertEquals(Duration.ofHours(1), interval.convert("1h"));
        assertEquals(Duration.ofDays(7), interval.convert(" 7d "));
    }

    @Test
    void rejectsGarbageAndOutOfRange() {
        for (String bad : new String[]{"", "1", "h", "1.5h", "-1h", "500ms", "0s", "8d", "1h30m"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> interval.convert(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
