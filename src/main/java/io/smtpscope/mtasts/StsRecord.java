package io.smtpscope.mtasts;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code _mta-sts} TXT record (RFC 8461 section 3.1): {@code v=STSv1} first, then {@code ;}-separated fields,
 * one of them {@code id} of 1 to 32 letters and digits; other fields are extensions and ignored. Records that do
 * not begin with {@code v=STSv1} are not MTA-STS records and are discarded before counting (section 3.1).
 *
 * <p>The text arrives escaped ({@code \xNN} for control bytes, from {@link io.smtpscope.dns.DnsTxtSource}): a record
 * holding such an escape or any character outside printable ASCII is malformed, as the raw bytes would be.
 */
final class StsRecord {
    static final String PREFIX = "v=STSv1";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C\\x3E-\\x7E]+");

    /** A parsed record: its id, or why it is not valid ({@code missingId}: valid shape, but no id field). */
    record Parsed(String id, String problem, boolean missingId) {
        boolean valid() {
            return problem == null && !missingId;
        }
    }

    private StsRecord() {
    }

    /** The records that claim to be MTA-STS records. */
    static List<String> candidates(List<String> txt) {
        return txt.stream().filter(StsRecord::claimsSts).toList();
    }

    private static boolean claimsSts(String text) {
        // "v" and "=" may carry white space per the ABNF; the version value itself is exact.
        String t = text.stripLeading();
        return t.regionMatches(true, 0, "v", 0, 1) && t.substring(1).stripLeading().startsWith("=")
                && t.substring(1).stripLeading().substring(1).stripLeading().startsWith("STSv1");
    }

    static Parsed parse(String escaped) {
        String text = escaped.replace("\\x09", "\t"); // a tab is white space here, escaped like any control byte
        if (text.contains("\\x") || text.contains("\\u") || !text.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e))) {
            return new Parsed(null, "it holds control or non-ASCII characters", false);
        }
        String[] fields = text.split(";", -1);
        if (!isVersion(fields[0])) {
            return new Parsed(null, "it does not begin with v=STSv1", false);
        }
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String field = strip(fields[i]);
            if (field.isEmpty()) {
                if (i == fields.length - 1) {
                    break; // the optional trailing ';'
                }
                return new Parsed(null, "it has an empty field (two ';' in a row)", false);
            }
            int eq = field.indexOf('=');
            if (eq < 0) {
                return new Parsed(null, "the field '" + field + "' has no '='", false);
            }
            String name = strip(field.substring(0, eq));
            String value = strip(field.substring(eq + 1));
            if (!FIELD_NAME.matcher(name).matches()) {
                return new Parsed(null, "'" + name + "' is not a valid field name", false);
            }
            if (name.equals("id")) {
                if (id != null) {
                    return new Parsed(null, "it has more than one id field", false);
                }
                if (!ID.matcher(value).matches()) {
                    return new Parsed(null, "the id '" + value + "' is not 1 to 32 letters and digits", false);
                }
                id = value;
            } else if (!FIELD_VALUE.matcher(value).matches()) {
                return new Parsed(null, "the value of '" + name + "' is empty or holds a space, ';' or '='", false);
            }
        }
        return id == null ? new Parsed(null, null, true) : new Parsed(id, null, false);
    }

    private static boolean isVersion(String field) {
        String f = strip(field);
        int eq = f.indexOf('=');
        return eq > 0 && strip(f.substring(0, eq)).toLowerCase(Locale.ROOT).equals("v") && strip(f.substring(eq + 1)).equals("STSv1");
    }

    /** WSP is space and horizontal tab (RFC 5234); nothing else is stripped. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }
}
