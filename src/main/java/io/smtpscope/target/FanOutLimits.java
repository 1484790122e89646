package io.smtpscope.target;

/**
 * How far one scan fans out (profile keys {@code fan_out.max_mx_hosts} and {@code fan_out.max_addresses}): at most
 * {@code maxMxHosts} MX hosts per mail domain, in preference order, and {@code maxAddresses} A/AAAA addresses per
 * name, in the order DNS gave them. Whatever lies beyond is not scanned, and the report says so ({@link FanOut}).
 * A DNS answer can hold thousands of records; without a bound one mail domain would plan thousands of endpoints.
 */
public record FanOutLimits(int maxMxHosts, int maxAddresses) {
    /** The most either limit may be set to. */
    public static final int MAX = 1000;

    public FanOutLimits {
        if (maxMxHosts < 1 || maxMxHosts > MAX || maxAddresses < 1 || maxAddresses > MAX) {
            throw new IllegalArgumentException("fan-out limits must be 1.." + MAX);
        }
    }

    /**
     * Ten of each. Senders try fewer (Postfix's smtp_mx_address_limit and Exim's hosts_max_try are 5 addresses);
     * a domain or name with more is rare, and the scan still says what it left out.
     */
    public static FanOutLimits defaults() {
        return new FanOutLimits(10, 10);
    }
}
