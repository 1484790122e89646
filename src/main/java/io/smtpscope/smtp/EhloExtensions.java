package io.smtpscope.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The service extensions of an EHLO reply (RFC 5321 section 4.1.1.1): every line after the first
 * is {@code keyword [params]}. Keywords compare case-insensitively.
 */
public record EhloExtensions(List<String> lines) {
    public EhloExtensions {
        lines = List.copyOf(lines);
    }

    public static EhloExtensions fromReply(SmtpReply reply) {
        List<String> texts = reply.lines();
        List<String> extensions = new ArrayList<>();
        for (int i = 1; i < texts.size(); i++) {
            String line = texts.get(i).strip();
            if (!line.isEmpty()) {
                extensions.add(line);
            }
        }
        return new EhloExtensions(extensions);
    }

    public static EhloExtensions none() {
        return new EhloExtensions(List.of());
    }

    public boolean has(String keyword) {
        return find(keyword).isPresent();
    }

    /**
     * The parameters of an extension, split on white space; empty when it has none or is absent. White space is
     * what {@link #keyword} stops at ({@link Character#isWhitespace}), so a server's U+001C or U+3000 cannot make
     * the two disagree about where a word ends.
     */
    public List<String> parameters(String keyword) {
        return find(keyword).map(line -> {
            List<String> words = words(line, false);
            return List.copyOf(words.subList(Math.min(1, words.size()), words.size()));
        }).orElse(List.of());
    }

    /**
     * SASL mechanisms from {@code AUTH} (and the pre-standard {@code AUTH=} form some servers still
     * send), upper case, without duplicates, in the server's order.
     */
    public List<String> authMechanisms() {
        List<String> mechanisms = new ArrayList<>();
        for (String line : lines) {
            String upper = line.toUpperCase(Locale.ROOT);
            String params;
            if (upper.startsWith("AUTH ") || upper.startsWith("AUTH=")) {
                params = upper.substring(5);
            } else {
                continue;
            }
            for (String mechanism : words(params, true)) {
                if (!mechanisms.contains(mechanism)) {
                    mechanisms.add(mechanism);
                }
            }
        }
        return List.copyOf(mechanisms);
    }

    /**
     * A keyword that looks like STARTTLS masked by a middlebox: Cisco ASA/PIX "ESMTP inspection"
     * rewrites it to {@code XXXXXXXA}; others blank it with other filler. Eight characters, mostly filler.
     */
    public Optional<String> maskedStartTls() {
        for (String line : lines) {
            String keyword = keyword(line);
            if (keyword.length() != "STARTTLS".length() || keyword.equalsIgnoreCase("STARTTLS")) {
                continue;
            }
            long filler = keyword.chars().filter(c -> c == 'X' || c == 'x' || c == '*' || c == '#' || c == '0').count();
            if (filler >= 6) {
                return Optional.of(keyword);
            }
        }
        return Optional.empty();
    }

    private Optional<String> find(String keyword) {
        for (String line : lines) {
            if (keyword(line).equalsIgnoreCase(keyword)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** The non-empty runs between white space (and '=' when {@code equalsSeparates}). */
    private static List<String> words(String text, boolean equalsSeparates) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean separator = i == text.length() || Character.isWhitespace(text.charAt(i))
                    || (equalsSeparates && text.charAt(i) == '=');
            if (separator && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static String keyword(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '=') {
            end++;
        }
        return line.substring(0, end);
    }
}
