package io.smtpscope.target;

/**
 * A host and port to probe, with the mode to speak on it; {@code given} is the text the user wrote.
 * {@code mx} says which MX record of which mail domain produced it; null for a host the user named.
 * {@code fanOut}: what planning left unscanned around it (MX hosts of its domain, addresses of its name); null
 * when nothing.
 */
public record Target(String given, String host, int port, Mode mode, MxOrigin mx, FanOut fanOut) {
    public Target {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public Target(String given, String host, int port, Mode mode, MxOrigin mx) {
        this(given, host, port, mode, mx, null);
    }

    public Target(String given, String host, int port, Mode mode) {
        this(given, host, port, mode, null, null);
    }

    /** The same target, noting that only {@code capped.scanned()} of its name's {@code capped.found()} addresses are scanned. */
    public Target withAddressesCapped(FanOut.Capped capped) {
        return new Target(given, host, port, mode, mx, (fanOut == null ? new FanOut(null, null) : fanOut).withAddresses(capped));
    }
}
