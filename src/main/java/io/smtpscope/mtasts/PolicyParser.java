package io.smtpscope.mtasts;

import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsPolicy;
import io.smtpscope.text.Printable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An MTA-STS policy file (RFC 8461 section 3.2): {@code key: value} lines ended by LF or CRLF; {@code version}
 * (STSv1), {@code mode} (enforce, testing, none), {@code max_age} (1 to 10 digits, at most 31557600 seconds) and
 * {@code mx} (repeated, one pattern each); unknown keys ignored. Keys and the mode are read case-insensitively, as
 * ABNF quoted strings are. A key other than {@code mx} given twice is reported (the first value counts); blank
 * lines are tolerated. The body is at most the fetch bound (64 KiB), so the loop over its lines is bounded;
 * at most {@link #MAX_PATTERNS} patterns are kept.
 */
final class PolicyParser {
    static final long MAX_AGE_LIMIT = 31_557_600L;
    static final int MAX_PATTERNS = 100;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    /** The policy as far as it could be read, and what is wrong with it. */
    record Parsed(MtaStsPolicy policy, List<String> problems, List<String> duplicateKeys,
                  List<String> invalidPatterns, String canonicalSha256) {
        boolean valid() {
            return problems.isEmpty() && duplicateKeys.isEmpty();
        }
    }

    private PolicyParser() {
    }

    static Parsed parse(byte[] body) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            int b = body[i] & 0xff;
            boolean allowed = b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7f);
            if (!allowed) {
                problems.add("byte 0x" + HexFormat.of().toHexDigits((byte) b) + " at offset " + i
                        + " is a control or non-ASCII character");
                break;
            }
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String version = null;
        MtaStsMode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        boolean capped = false;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (line.indexOf('\r') >= 0) {
                problems.add("line " + (n + 1) + " holds a CR that does not end it");
                continue;
            }
            if (StsRecord.strip(line).isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                problems.add("line " + (n + 1) + " is not 'key: value': " + shown(line));
                continue;
            }
            String key = line.substring(0, colon);
            String value = StsRecord.strip(line.substring(colon + 1));
            if (!KEY.matcher(key).matches()) {
                problems.add("line " + (n + 1) + " has an invalid key " + shown(key));
                continue;
            }
            key = key.toLowerCase(Locale.ROOT);
            if (!key.equals("mx") && !seen.add(key)) {
                duplicates.add(key);
                continue;
            }
            switch (key) {
                case "version" -> {
                    version = shown(value);
                    if (!value.equals("STSv1")) {
                        problems.add("version is " + shown(value) + ", not STSv1");
                    }
                }
                case "mode" -> {
                    mode = switch (value.toLowerCase(Locale.ROOT)) {
                        case "enforce" -> MtaStsMode.ENFORCE;
                        case "testing" -> MtaStsMode.TESTING;
                        case "none" -> MtaStsMode.NONE;
                        default -> null;
                    };
                    if (mode == null) {
                        problems.add("mode is " + shown(value) + ", not enforce, testing or none");
                    }
                }
                case "max_age" -> {
                    if (!DIGITS.matcher(value).matches()) {
                        problems.add("max_age is " + shown(value) + ", not a number of seconds (1 to 10 digits)");
                    } else {
                        maxAge = Long.parseLong(value);
                        if (maxAge > MAX_AGE_LIMIT) {
                            problems.add("max_age " + maxAge + " exceeds the maximum of " + MAX_AGE_LIMIT + " seconds (one year)");
                        }
                    }
                }
                case "mx" -> {
                    if (mx.size() < MAX_PATTERNS) {
                        mx.add(shown(value));
                        String why = MxPattern.problem(value);
                        if (why != null) {
                            invalid.add(shown(value) + ": " + shown(why));
                        }
                    } else if (!capped) {
                        capped = true;
                        problems.add("more than " + MAX_PATTERNS + " mx patterns; the rest were not read");
                    }
                }
                default -> {
                    // RFC 8461 section 3.2: unknown fields are ignored
                }
            }
        }
        if (version == null) {
            problems.add("the version field is missing");
        }
        if (mode == null && !seen.contains("mode")) {
            problems.add("the mode field is missing");
        }
        if (maxAge == null && !seen.contains("max_age")) {
            problems.add("the max_age field is missing");
        }
        if (mx.isEmpty() && mode != null && mode != MtaStsMode.NONE) {
            problems.add("no mx field: a policy in mode " + mode.label() + " must name its MX hosts");
        }
        MtaStsPolicy policy = new MtaStsPolicy(version, mode, maxAge, mx);
        return new Parsed(policy, List.copyOf(problems), List.copyOf(duplicates), List.copyOf(invalid), canonicalSha256(policy));
    }

    /**
     * SHA-256 of the policy as a sender would cache it: the fields in a fixed order, mx patterns lower-cased and
     * sorted, so a change of line endings or order is not a "changed policy", a change of what senders do is.
     */
    static String canonicalSha256(MtaStsPolicy p) {
        StringBuilder canonical = new StringBuilder();
        canonical.append("version:").append(p.version()).append('\n')
                .append("mode:").append(p.mode() == null ? null : p.mode().label()).append('\n')
                .append("max_age:").append(p.maxAge()).append('\n');
        p.mx().stream().map(m -> m.toLowerCase(Locale.ROOT)).sorted().forEach(m -> canonical.append("mx:").append(m).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value for a report: bounded, control characters escaped. */
    static String shown(String value) {
        String bounded = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return Printable.escapeControls(bounded);
    }
}
