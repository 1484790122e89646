package io.smtpscope.target;

import java.util.Optional;

/**
 * Parses one target: {@code host}, {@code host:port}, {@code 192.0.2.1:25}, {@code [2001:db8::1]:587},
 * a bare IPv6 literal, each optionally followed by {@code /mode} ({@code /starttls}, {@code /implicit-tls},
 * {@code /plain}) to override the port's default mode.
 */
public final class TargetParser {
    private TargetParser() {
    }

    public static TargetSpec parse(String text) {
        String given = text.strip();
        if (given.isEmpty()) {
            throw new IllegalArgumentException("empty target");
        }
        if (given.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("target contains white space or control characters: '"
                    + printable(given) + "'");
        }
        String rest = given;
        Optional<Mode> mode = Optional.empty();
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            mode = Optional.of(Mode.parse(rest.substring(slash + 1)));
            rest = rest.substring(0, slash);
        }
        String host;
        Optional<Integer> port = Optional.empty();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' after IPv6 address in '" + given + "'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected '" + after + "' after ']' in '" + given + "'");
                }
                port = Optional.of(parsePort(after.substring(1), given));
            }
            if (!HostSyntax.isIpv6(host)) {
                throw new IllegalArgumentException("'" + host + "' in brackets is not an IPv6 address");
            }
        } else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
            host = rest; // a bare IPv6 literal cannot carry a port: write [addr]:port for that
            if (!HostSyntax.isIpv6(host)) {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv6 address");
            }
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            if (colon >= 0) {
                port = Optional.of(parsePort(rest.substring(colon + 1), given));
            }
            if (!HostSyntax.isIpv4(host)) {
                if (host.matches("[0-9.]+")) {
                    throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address");
                }
                host = HostSyntax.toAsciiHostName(host);
            }
        }
        return new TargetSpec(given, host, port, mode);
    }

    static int parsePort(String text, String given) {
        if (!text.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("invalid port '" + printable(text) + "' in '" + printable(given) + "'");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 1-65535 in '" + given + "'");
        }
        return port;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (c < ' ' || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
