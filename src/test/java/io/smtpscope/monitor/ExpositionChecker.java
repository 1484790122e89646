package io.smtpscope.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats),
 * written for the tests because the Java client has no parser. It rejects what the spec (and node_exporter's
 * textfile collector, which uses the Go parser) rejects: bad metric or label names, label values with
 * unescaped quotes, backslashes or newlines, a TYPE or HELP given twice, a TYPE after the family's samples,
 * samples of one family not grouped together, duplicate series, values that are not floats, no final newline.
 */
public final class ExpositionChecker {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String VALUE = "(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN)";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\\\n]|\\\\[\\\\n])*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL_NAME + "=" + LABEL_VALUE
            + "(?:," + LABEL_NAME + "=" + LABEL_VALUE + ")*,?)?\\})? (" + VALUE + ")(?: (-?\\d+))?");
    private static final Pattern LABEL = Pattern.compile("(" + LABEL_NAME + ")=(" + LABEL_VALUE + ")");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    public static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a newline");
        }
        Map<String, String> types = new HashMap<>();
        Map<String, String> helps = new HashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + lineNo + ": '" + line + "': ";
            if (line.startsWith("#")) {
                Matcher help = HELP.matcher(line);
                Matcher type = TYPE.matcher(line);
                if (help.matches()) {
                    if (helps.put(help.group(1), help.group(2)) != null) {
                        throw new IllegalArgumentException(where + "second HELP for " + help.group(1));
                    }
                } else if (type.matches()) {
                    String family = type.group(1);
                    if (types.put(family, type.group(2)) != null) {
                        throw new IllegalArgumentException(where + "second TYPE for " + family);
                    }
                    if (samples.containsKey(family)) {
                        throw new IllegalArgumentException(where + "TYPE after samples of " + family);
                    }
                } else if (line.startsWith("# HELP") || line.startsWith("# TYPE")) {
                    throw new IllegalArgumentException(where + "malformed HELP/TYPE line");
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + "not a valid sample line");
            }
            String name = m.group(1);
            String family = familyOf(name, types);
            if (!family.equals(current)) {
                if (closed.contains(family)) {
                    throw new IllegalArgumentException(where + "samples of " + family + " are not grouped together");
                }
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    if (labels.put(l.group(1), unescape(l.group(2))) != null) {
                        throw new IllegalArgumentException(where + "label " + l.group(1) + " given twice");
                    }
                }
            }
            if (!series.add(name + new java.util.TreeMap<>(labels))) {
                throw new IllegalArgumentException(where + "duplicate series");
            }
            samples.computeIfAbsent(family, k -> new ArrayList<>()).add(new Sample(name, labels, parseValue(m.group(3))));
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> all = new java.util.LinkedHashSet<>(types.keySet());
        all.addAll(samples.keySet());
        for (String family : all) {
            families.put(family, new Family(family, types.getOrDefault(family, "untyped"), helps.get(family),
                    samples.getOrDefault(family, List.of())));
        }
        return families;
    }

    /** Histogram and summary samples carry suffixes; everything else is named exactly as its family. */
    private static String familyOf(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type)) {
                    return base;
                }
            }
        }
        return name;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static String unescape(String quoted) {
        String inner = quoted.substring(1, quoted.length() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                char next = inner.charAt(++i);
                sb.append(next == 'n' ? '\n' : next);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
