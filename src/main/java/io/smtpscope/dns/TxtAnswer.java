package io.smtpscope.dns;

import java.util.List;

/**
 * The TXT records at one name, or why there are none. "No records" (the name or the type does not exist) and
 * "lookup failed" (SERVFAIL, REFUSED, no answer in time) are different answers: a policy check must never read a
 * failed lookup as "no policy published". {@code secure} is the DNSSEC state when the source knows it (a
 * validating resolver), null when it does not.
 */
public sealed interface TxtAnswer {
    /** The records found; each record's character-strings joined, hostile bytes escaped for printing. */
    record Found(List<String> records, Boolean secure, boolean capped) implements TxtAnswer {
        public Found {
            records = List.copyOf(records);
        }
    }

    /** NXDOMAIN or NODATA ({@code rcode} says which). */
    record NoRecords(String rcode, Boolean secure) implements TxtAnswer {
    }

    /** SERVFAIL, REFUSED, timeout, unreadable answer: whether records exist is unknown. */
    record Failed(String message) implements TxtAnswer {
    }
}
