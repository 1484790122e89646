package io.smtpscope.target;

/** A host and port to probe, with the mode to speak on it; {@code given} is the text the user wrote. */
public record Target(String given, String host, int port, Mode mode) {
    public Target {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
