package io.smtpscope.dns;

import java.util.List;

/** What the MX question for one domain told (RFC 5321 section 5.1, RFC 7505). */
public sealed interface MxAnswer {
    /** One MX record: preference and exchange host (lower case, no trailing dot). */
    record Exchange(int preference, String host) {
    }

    /** MX records, in preference order (ties as the server returned them). */
    record Exchanges(List<Exchange> exchanges) implements MxAnswer {
        public Exchanges {
            exchanges = List.copyOf(exchanges);
        }
    }

    /** The domain exists but has no MX record: its own A/AAAA is the implicit MX (RFC 5321 section 5.1). */
    record Implicit() implements MxAnswer {
    }

    /** A single "0 ." MX record: the domain accepts no mail (RFC 7505). */
    record NullMx() implements MxAnswer {
    }

    /** The lookup failed: NXDOMAIN, SERVFAIL, REFUSED or no answer in time; {@code reason} says which. */
    record Failed(String reason) implements MxAnswer {
    }
}
