package io.smtpscope.dns;

import io.smtpscope.result.DnssecState;

import java.util.List;

/**
 * TXT records of one name, for the checks that read policy records (MTA-STS, TLS-RPT): each record's strings
 * joined as RFC 7208 section 3.3 and RFC 8461 section 3.1 say, with the answer's DNSSEC state. "No records" and "the
 * lookup failed" are different answers: a failed lookup must never be read as "no policy".
 */
@FunctionalInterface
public interface TxtLookup {
    Answer lookup(String name);

    /** {@code failure} is null unless the lookup failed (timeout, SERVFAIL, bogus); {@code records} may then be empty. */
    record Answer(List<String> records, DnssecState dnssec, String failure) {
        public Answer {
            records = List.copyOf(records);
        }

        public boolean failed() {
            return failure != null;
        }
    }

    static TxtLookup using(ValidatingDns dns) {
        return dns::txt;
    }
}
