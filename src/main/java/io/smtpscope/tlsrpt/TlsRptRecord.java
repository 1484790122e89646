package io.smtpscope.tlsrpt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@code _smtp._tls} TXT record (RFC 8460 section 3): {@code v=TLSRPTv1}, then {@code ;}-separated fields, one
 * of them {@code rua=} with comma-separated URIs (mailto: or https:; a comma inside a URI must be %2C); other
 * fields are extensions. At most {@link #MAX_URIS} URIs are read. The text arrives escaped ({@code \xNN} for
 * control bytes): a record holding such an escape or non-ASCII is malformed, as its raw bytes would be.
 */
final class TlsRptRecord {
    static final int MAX_URIS = 20;
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C\\x3E-\\x7E]+");
    private static final Pattern MAILBOX = Pattern.compile("[^@\\s]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    /** The rua URIs (all, as published), those senders cannot use (with why), or why the record is malformed. */
    record Parsed(List<String> rua, List<String> invalid, String problem) {
    }

    private TlsRptRecord() {
    }

    static List<String> candidates(List<String> txt) {
        return txt.stream().filter(t -> t.startsWith("v=TLSRPTv1")).toList();
    }

    static Parsed parse(String escaped) {
        String text = escaped.replace("\\x09", "\t"); // a tab is white space here, escaped like any control byte
        if (text.contains("\\x") || text.contains("\\u") || !text.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e))) {
            return malformed("it holds control or non-ASCII characters");
        }
        String[] fields = text.split(";", -1);
        if (!strip(fields[0]).equals("v=TLSRPTv1")) {
            return malformed("it does not begin with v=TLSRPTv1;");
        }
        List<String> rua = null;
        List<String> invalid = new ArrayList<>();
        for (int i = 1; i < fields.length; i++) {
            String field = strip(fields[i]);
            if (field.isEmpty()) {
                if (i == fields.length - 1) {
                    break;
                }
                return malformed("it has an empty field (two ';' in a row)");
            }
            int eq = field.indexOf('=');
            if (eq <= 0) {
                return malformed("the field '" + field + "' is not name=value");
            }
            String name = field.substring(0, eq);
            String value = field.substring(eq + 1);
            if (name.equals("rua")) {
                if (rua != null) {
                    return malformed("it has more than one rua field");
                }
                rua = new ArrayList<>();
                for (String uri : value.split(",", -1)) {
                    if (rua.size() == MAX_URIS) {
                        invalid.add("more than " + MAX_URIS + " addresses; the rest were not read");
                        break;
                    }
                    String u = strip(uri);
                    rua.add(u);
                    String why = uriProblem(u);
                    if (why != null) {
                        invalid.add("'" + u + "': " + why);
                    }
                }
            } else if (!FIELD_NAME.matcher(name).matches() || !FIELD_VALUE.matcher(value).matches()) {
                return malformed("the field '" + field + "' is not a valid extension (name=value without spaces)");
            }
        }
        if (rua == null) {
            return malformed("it has no rua field (where reports go)");
        }
        return new Parsed(rua, invalid, null);
    }

    /** Null when a sender can deliver reports there. */
    static String uriProblem(String uri) {
        if (uri.isEmpty()) {
            return "empty";
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "not a URI (" + e.getReason() + ")";
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "mailto" -> parsed.getSchemeSpecificPart() != null && MAILBOX.matcher(parsed.getSchemeSpecificPart()).matches()
                    ? null : "not a mailto: address (mailto:local@domain)";
            case "https" -> parsed.getHost() != null ? null : "an https: URI without a host";
            case "" -> "no scheme: write mailto:" + uri + " or https://...";
            default -> "the scheme " + scheme + ": is not mailto: or https:";
        };
    }

    private static Parsed malformed(String why) {
        return new Parsed(List.of(), List.of(), why);
    }

    private static String strip(String s) {
        return s.replaceAll("^[ \\t]+|[ \\t]+$", "");
    }
}
