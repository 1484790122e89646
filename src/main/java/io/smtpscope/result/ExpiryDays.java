package io.smtpscope.result;

import java.time.Duration;
import java.time.Instant;

/**
 * The one rounding rule for certificate expiry in days, used by every output (console, JSON
 * {@code days_remaining}, CSV, findings, HTML chart): <em>completed whole days</em> between the run time and
 * {@code not_after}, rounded toward zero, negative once expired. A certificate that expired 12 days and
 * 1 second ago is -12 ("expired 12 days ago"); one that expires in 23:59:59 is 0 ("expires in less than a
 * day"). 0 therefore means "less than a day either side": whether it has expired is the {@code expired}
 * flag (the instant is after not_after, RFC 5280 section 4.1.2.5), never the sign of the day count.
 */
public final class ExpiryDays {
    private static final long DAY_SECONDS = 86_400L;

    private ExpiryDays() {
    }

    /** Completed days from {@code now} to {@code notAfter}: positive ahead, negative behind, 0 within a day. */
    public static long between(Instant now, Instant notAfter) {
        // Division of a long truncates toward zero: exactly the "completed days" of the rule.
        return Duration.between(now, notAfter).toSeconds() / DAY_SECONDS;
    }

    /** "expires in 3 days", "expires in less than a day", "expired 12 days ago", "expired less than a day ago". */
    public static String describe(long days, boolean expired) {
        if (expired || days < 0) {
            return days == 0 ? "expired less than a day ago" : "expired " + plural(-days) + " ago";
        }
        return days == 0 ? "expires in less than a day" : "expires in " + plural(days);
    }

    /** The part after "expired" or "in": "12 days ago", "less than a day ago"; for finding templates. */
    public static String ago(long days) {
        return days == 0 ? "less than a day ago" : plural(Math.abs(days)) + " ago";
    }

    private static String plural(long days) {
        return days == 1 ? "1 day" : days + " days";
    }
}
