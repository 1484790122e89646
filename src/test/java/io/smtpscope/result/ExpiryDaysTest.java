package io.smtpscope.result;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one rounding rule for expiry days, at its boundaries on both sides of not_after. */
class ExpiryDaysTest {
    private static final Instant NOT_AFTER = Instant.parse("2030-06-15T12:00:00Z");

    private static long at(Duration sinceExpiry) {
        return ExpiryDays.between(NOT_AFTER.plus(sinceExpiry), NOT_AFTER);
    }

    @Test
    void completedDaysRoundTowardZeroOnBothSides() {
        assertEquals(0, at(Duration.ZERO));
        assertEquals(0, at(Duration.ofSeconds(1)));
        assertEquals(0, at(Duration.ofSeconds(-1)));
        assertEquals(0, at(Duration.ofHours(24).minusSeconds(1)));
        assertEquals(0, at(Duration.ofHours(-24).plusSeconds(1)));
        assertEquals(-1, at(Duration.ofHours(24)));
        assertEquals(1, at(Duration.ofHours(-24)));
        assertEquals(-12, at(Duration.ofDays(12).plusSeconds(1)), "expired 12 days and 1 second ago: 12 days");
        assertEquals(29, at(Duration.ofDays(-30).plusSeconds(1)));
    }

    @Test
    void describesBothSidesInWords() {
        assertEquals("expired 12 days ago", ExpiryDays.describe(-12, true));
        assertEquals("expired 1 day ago", ExpiryDays.describe(-1, true));
        assertEquals("expired less than a day ago", ExpiryDays.describe(0, true));
        assertEquals("expires in less than a day", ExpiryDays.describe(0, false));
        assertEquals("expires in 1 day", ExpiryDays.describe(1, false));
        assertEquals("expires in 30 days", ExpiryDays.describe(30, false));
        assertEquals("less than a day ago", ExpiryDays.ago(0));
        assertEquals("12 days ago", ExpiryDays.ago(-12));
    }
}
