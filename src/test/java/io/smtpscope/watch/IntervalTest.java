package io.smtpscope.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IntervalTest {
    @Test
    void acceptsSecondsMinutesHoursDays() {
        assertEquals(Duration.ofSeconds(2), Interval.parse("2s"));
        assertEquals(Duration.ofMinutes(15), Interval.parse("15m"));
        assertEquals(Duration.ofHours(1), Interval.parse("1h"));
        assertEquals(Duration.ofDays(7), Interval.parse(" 7d "));
    }

    @Test
    void rejectsGarbageAndOutOfRange() {
        for (String bad : new String[]{"", "1", "h", "1.5h", "-1h", "500ms", "0s", "8d", "1h30m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.parse(bad), bad);
            assertEquals(true, e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
