package io.smtpscope.target;

/**
 * A host and port to probe, with the mode to speak on it; {@code given} is the text the user wrote.
 * {@code mx} says which MX record of which mail domain produced it; null for a host the user named.
 */
public record Target(String given, String host, int port, Mode mode, MxOrigin mx) {
    public Target {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public Target(String given, String host, int port, Mode mode) {
        this(given, host, port, mode, null);
    }
}
