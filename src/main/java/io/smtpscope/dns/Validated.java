package io.smtpscope.dns;

import io.smtpscope.result.DnssecState;
import org.xbill.DNS.Record;

import java.util.List;

/**
 * One validated answer: the records of the type asked (after any CNAME chain the resolver followed), what the
 * answer was ({@link Status}), its DNSSEC state and, for {@code bogus} or a failure, the reason.
 * {@code canonicalName} is the owner of the records: the name asked, or the end of its CNAME chain (lower case,
 * no trailing dot).
 */
public record Validated(Status status, List<Record> records, DnssecState dnssec, String reason, String canonicalName) {
    /** An RRset was found; the name exists but has none of this type; the name does not exist; no usable answer. */
    public enum Status { FOUND, NODATA, NXDOMAIN, FAILED }

    public Validated {
        records = List.copyOf(records);
    }

    public boolean found() {
        return status == Status.FOUND;
    }

    /** No records, and that is a fact of the DNS (not a failure to ask). */
    public boolean none() {
        return status == Status.NODATA || status == Status.NXDOMAIN;
    }

    public boolean secure() {
        return dnssec == DnssecState.SECURE;
    }

    /** True when the canonical name differs from {@code asked} (a CNAME was followed). */
    public boolean aliased(String asked) {
        return canonicalName != null && !canonicalName.equals(ValidatingDns.plain(asked));
    }
}
