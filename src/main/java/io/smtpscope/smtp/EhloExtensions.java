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

    /** The parameters of an extension, split on white space; empty when it has none or is absent. */
    public List<String> parameters(String keyword) {
        return find(keyword).map(line -> {
            String[] parts = line.split("\\s+");
            List<String> params = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                params.add(parts[i]);
            }
            return List.copyOf(params);
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
            for (String mechanism : params.trim().split("[\\s=]+")) {
                if (!mechanism.isEmpty() && !mechanisms.contains(mechanism)) {
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

    private static String keyword(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '=') {
            end++;
        }
        return line.substring(0, end);
    }
}
