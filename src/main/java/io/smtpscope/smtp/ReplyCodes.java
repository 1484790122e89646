package io.smtpscope.smtp;

import io.smtpscope.resource.BundledYaml;

import java.util.Map;
import java.util.Optional;

/** Plain-language meanings of reply codes, from the data file {@code reply-codes.yaml} (RFC 5321, RFC 3463). */
public final class ReplyCodes {
    private static final ReplyCodes INSTANCE = load();

    private final Map<String, String> basic;
    private final Map<String, String> enhanced;

    private ReplyCodes(Map<String, String> basic, Map<String, String> enhanced) {
        this.basic = Map.copyOf(basic);
        this.enhanced = Map.copyOf(enhanced);
    }

    public static ReplyCodes get() {
        return INSTANCE;
    }

    private record Table(Map<String, String> basic, Map<String, String> enhanced) {
    }

    private static ReplyCodes load() {
        Table table = BundledYaml.read(ReplyCodes.class, "reply-codes.yaml", Table.class);
        return new ReplyCodes(table.basic(), table.enhanced());
    }

    public Optional<String> basic(int code) {
        String exact = basic.get(Integer.toString(code));
        if (exact != null) {
            return Optional.of(exact);
        }
        return switch (code / 100) {
            case 2 -> Optional.of("Success (" + code + ").");
            case 3 -> Optional.of("Intermediate reply: the server waits for more input.");
            case 4 -> Optional.of("Temporary failure (" + code + "): try again later.");
            case 5 -> Optional.of("Permanent failure (" + code + ").");
            default -> Optional.empty();
        };
    }

    /** Meaning of an enhanced code such as {@code 5.7.8}. */
    public Optional<String> enhanced(String code) {
        String[] parts = code.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String detail = enhanced.get(parts[1] + "." + parts[2]);
        if (detail == null) {
            detail = enhanced.get(parts[1] + ".0");
        }
        if (detail == null) {
            return Optional.empty();
        }
        String prefix = switch (parts[0]) {
            case "2" -> "Success: ";
            case "4" -> "Temporary: ";
            case "5" -> "Permanent: ";
            default -> "";
        };
        return Optional.of(prefix + detail);
    }

    /** The whole explanation of a reply: the basic code, refined by the enhanced code when there is one. */
    public String explain(SmtpReply reply) {
        return explain(reply.code(), reply.enhancedCode());
    }

    /** As {@link #explain(SmtpReply)}, for a code typed by a user ({@code smtpscope explain 535 5.7.8}). */
    public String explain(int code, Optional<String> enhancedCode) {
        String base = basic(code).orElse("Unknown reply code " + code + ".");
        return enhancedCode
                .flatMap(e -> enhanced(e).map(text -> base + " " + e + ": " + text))
                .orElse(base);
    }

    /** True when the table has this exact basic code (not just the class fallback). */
    public boolean knowsBasic(int code) {
        return basic.containsKey(Integer.toString(code));
    }
}
