package io.smtpscope.target;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax checks for host names and address literals, shared by target parsing and name matching. */
public final class HostSyntax {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private HostSyntax() {
    }

    public static boolean isIpv4(String host) {
        return IPV4.matcher(host).matches();
    }

    public static boolean isIpv6(String host) {
        return host.contains(":") && IPV6_CHARS.matcher(host).matches();
    }

    public static boolean isIpLiteral(String host) {
        return isIpv4(host) || isIpv6(host);
    }

    /**
     * Converts a host name to its ASCII (A-label) form, lower case, without a trailing dot.
     *
     * @throws IllegalArgumentException with a readable reason when the name is not a valid host name
     */
    public static String toAsciiHostName(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid international domain name: " + e.getMessage());
        }
        if (ascii.length() > 253) {
            throw new IllegalArgumentException("host name longer than 253 characters");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("invalid label '" + label + "' in host name");
            }
        }
        return ascii;
    }
}
