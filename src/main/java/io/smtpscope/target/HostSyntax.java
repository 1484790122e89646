package io.smtpscope.target;

import io.smtpscope.text.Printable;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Syntax checks for host names and address literals, shared by target parsing and name matching. */
public final class HostSyntax {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private static final Pattern EHLO_DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}");

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
     * Whether {@code name} may follow EHLO/HELO: a host name (letters, digits, dots, hyphens), an address, or an
     * RFC 5321 section 4.1.3 address literal ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}). Anything else
     * could break the command line or say something we do not mean.
     */
    public static boolean isEhloName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            String inside = name.substring(1, name.length() - 1);
            return isIpv4(inside) || (inside.regionMatches(true, 0, "IPv6:", 0, 5) && isIpv6(inside.substring(5)));
        }
        return isIpLiteral(name) || EHLO_DOMAIN.matcher(name).matches();
    }

    /** Why {@code name} may not follow EHLO, in the words every caller shows (option, profile, settings). */
    public static Optional<String> ehloNameProblem(String name) {
        return isEhloName(name) ? Optional.empty() : Optional.of("'" + Printable.escapeControls(
                Printable.shorten(String.valueOf(name), 60)) + "' is not a host name or address");
    }

    /**
     * The text form of an address for reports and commands: IPv4 dotted quad, IPv6 in the RFC 5952 canonical
     * form ({@code ::1}, {@code 2001:db8::1}), not Java's uncompressed {@code 0:0:0:0:0:0:0:1}.
     */
    public static String addressText(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        byte[] b = v6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952 section 4.2: the longest run of two or more zero groups (the first on a tie) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        String scope = v6.getScopeId() != 0 ? "%" + v6.getScopeId() : "";
        return out + scope;
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
