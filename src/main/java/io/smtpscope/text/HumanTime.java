package io.smtpscope.text;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times for people: to the second, in UTC, and saying so ({@code 2026-03-01 09:30:05 UTC}). Reports keep the full
 * ISO 8601 instants; a history of scans from cron jobs and laptops in different zones only compares in one zone.
 */
public final class HumanTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private HumanTime() {
    }

    /** The instant to the second (truncated, never rounded into the next second), or "?" when unknown. */
    public static String of(Instant instant) {
        return instant == null ? "?" : FORMAT.format(instant);
    }
}
