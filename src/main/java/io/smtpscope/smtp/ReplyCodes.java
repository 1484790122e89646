package io.smtpscope.smtp;

import io.smtpscope.resource.BundledYaml;

import java.util.Map;
import java.util.Optional;

/** Plain-language meanings of reply codes, from the data file {@code reply-codes.yaml} (RFC 5321, RFC 3463). */
public final class ReplyCodes {
    private static final ReplyCodes INSTANCE = load();

    private final Map<String, String> basic;
    private final Map<String, String> enhanced;
    private final Map<String, String> inContext;

    private ReplyCodes(Map<String, String> basic, Map<String, String> enhanced, Map<String, String> inContext) {
        this.basic = Map.copyOf(basic);
        this.enhanced = Map.copyOf(enhanced);
        this.inContext = inContext == null ? Map.of() : Map.copyOf(inContext);
    }

    public static ReplyCodes get() {
        return INSTANCE;
    }

    private record Table(Map<String, String> basic, Map<String, String> enhanced,
                         @com.fasterxml.jackson.annotation.JsonProperty("in_context") Map<String, String> inContext) {
    }

    private static ReplyCodes load() {
        Table table = BundledYaml.read(ReplyCodes.class, "reply-codes.yaml", Table.class);
        return new ReplyCodes(table.basic(), table.enhanced(), table.inContext());
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

    /** As {@link #explain(SmtpReply)}, in answer to {@code command} ("RCPT TO:<...>", "(greeting)"). */
    public String explain(SmtpReply reply, String command) {
        return explain(reply.code(), reply.enhancedCode(), ReplyContext.of(command));
    }

    /** As {@link #explain(SmtpReply)}, for a code typed by a user ({@code smtpscope explain 535 5.7.8}). */
    public String explain(int code, Optional<String> enhancedCode) {
        return explain(code, enhancedCode, ReplyContext.OTHER);
    }

    /**
     * The meaning of {@code code} in answer to that kind of command (or its basic meaning), refined by the
     * enhanced code unless that only says the same thing again.
     */
    public String explain(int code, Optional<String> enhancedCode, ReplyContext context) {
        String base = inContext(code, context).orElseGet(() -> basic(code).orElse("Unknown reply code " + code + "."));
        return enhancedCode
                .filter(e -> enhanced(e).isPresent())
                .map(e -> sameMeaning(base, e) ? base + " (" + e + ")" : base + " " + e + ": " + enhanced(e).orElseThrow())
                .orElse(base);
    }

    /** The context-specific meaning alone, when the table has one ("rcpt 554"). */
    public Optional<String> inContext(int code, ReplyContext context) {
        return Optional.ofNullable(inContext.get(context.key() + " " + code));
    }

    /** 535 and 5.7.8 both say "Authentication credentials invalid": say it once. */
    private boolean sameMeaning(String base, String enhancedCode) {
        String[] parts = enhancedCode.split("\\.");
        String detail = parts.length == 3 ? enhanced.get(parts[1] + "." + parts[2]) : null;
        return detail != null && base.startsWith(detail.replaceAll("\\.$", ""));
    }

    /** True when the table has this exact basic code (not just the class fallback). */
    public boolean knowsBasic(int code) {
        return basic.containsKey(Integer.toString(code));
    }
}
