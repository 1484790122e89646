package io.smtpscope.target;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where planning stopped short of scanning everything DNS named, because of the {@link FanOutLimits}:
 * {@code mxHosts} when the mail domain published more MX hosts than were scanned, {@code addresses} when the
 * name had more A/AAAA addresses. Each is null when its limit was not reached; the report leaves it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FanOut(Capped mxHosts, Capped addresses) {
    /** {@code found} records, of which the first {@code scanned} were scanned. */
    public record Capped(int found, int scanned) {
    }

    /** This fan-out with the addresses of the name capped as well. */
    public FanOut withAddresses(Capped capped) {
        return new FanOut(mxHosts, capped);
    }
}
