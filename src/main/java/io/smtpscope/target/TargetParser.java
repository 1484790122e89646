package io.smtpscope.target;

import io.smtpscope.text.Printable;

import java.util.Optional;

/**
 * Parses one target: {@code host}, {@code host:port}, {@code 192.0.2.1:25}, {@code [2001:db8::1]:587},
 * a bare IPv6 literal, each optionally followed by {@code /mode} ({@code /starttls}, {@code /implicit-tls},
 * {@code /plain}) to override the port's default mode. {@code mx:DOMAIN[:PORT][/MODE]} names a mail domain
 * whose MX hosts are the targets (RFC 5321 section 5.1); {@code mx:25} stays the host "mx" on port 25.
 */
public final class TargetParser {
    private TargetParser() {
    }

    public static final String MX_PREFIX = "mx:";

    public static TargetSpec parse(String text) {
        try {
            String given = text.strip();
            if (isMxDomain(given)) {
                return parseMxDomain(given.substring(MX_PREFIX.length()), given);
            }
            return parseUnchecked(text);
        } catch (IllegalArgumentException e) {
            // Messages quote the input (and the JDK's IDN errors quote it raw): never echo control characters.
            throw new IllegalArgumentException(Printable.escapeControls(String.valueOf(e.getMessage())), e);
        }
    }

    private static TargetSpec parseUnchecked(String text) {
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

    /** A mail domain for {@code --mx}: {@code DOMAIN[:PORT][/MODE]}, a name, never an address. */
    public static TargetSpec parseMxDomain(String text) {
        try {
            return parseMxDomain(text.strip(), MX_PREFIX + text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Printable.escapeControls(String.valueOf(e.getMessage())), e);
        }
    }

    private static boolean isMxDomain(String given) {
        // "mx:25" and "mx:25/plain" are the host "mx" on port 25, as they always were.
        return given.regionMatches(true, 0, MX_PREFIX, 0, MX_PREFIX.length())
                && !given.substring(MX_PREFIX.length()).matches("[0-9]*(/.*)?");
    }

    private static TargetSpec parseMxDomain(String domainText, String given) {
        TargetSpec plain = parseUnchecked(domainText);
        if (plain.isAddressLiteral()) {
            throw new IllegalArgumentException("'" + plain.host() + "' is an address, not a mail domain: MX lookups need a name");
        }
        return new TargetSpec(given, plain.host(), plain.port(), plain.mode(), true);
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
