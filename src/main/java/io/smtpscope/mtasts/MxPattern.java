package io.smtpscope.mtasts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An {@code mx} pattern of an MTA-STS policy (RFC 8461 sections 3.2 and 4.1): a host name, or {@code *.} followed
 * by one, where the wildcard stands for exactly one whole leftmost label ({@code *.example.com} matches
 * {@code mx1.example.com}, not {@code example.com} nor {@code a.b.example.com}). Case-insensitive, a trailing dot ignored.
 */
final class MxPattern {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private MxPattern() {
    }

    /** Null when valid; otherwise why not. */
    static String problem(String pattern) {
        String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (p.isEmpty()) {
            return "it is empty";
        }
        if (p.length() > 253) {
            return "it is longer than a host name may be";
        }
        String rest = p.startsWith("*.") ? p.substring(2) : p;
        if (rest.contains("*")) {
            return "a wildcard may only be the whole leftmost label ('*.example.com')";
        }
        String[] labels = rest.split("\\.", -1);
        if (p.startsWith("*.") && labels.length < 2) {
            return "a wildcard must be followed by at least two labels";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "'" + label + "' is not a host name label";
            }
        }
        return null;
    }

    static boolean matches(String pattern, String host) {
        if (problem(pattern) != null) {
            return false;
        }
        String p = normal(pattern);
        String h = normal(host);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
