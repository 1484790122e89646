package io.smtpscope.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smtpscope.session.LoginAdvice;
import io.smtpscope.smtp.ReplyCodes;
import io.smtpscope.smtp.ReplyContext;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code explain CODE [ENHANCED]} prints: the reply's meaning in answer to a command, and, where the login
 * advice knows the reply (AUTH replies such as {@code 535 5.7.8}), its likely causes and what to try, the same
 * words {@code login} prints. One meaning, said once.
 */
record ReplyExplanation(int code, @JsonProperty("enhanced_code") String enhancedCode, String command, @JsonProperty("explanation") String meaning,
                        List<String> causes, @JsonProperty("try") List<String> tryNext) {
    ReplyExplanation {
        causes = List.copyOf(causes);
        tryNext = List.copyOf(tryNext);
    }

    /** Replies only AUTH gives (RFC 4954 section 6): they get the login advice without --command auth. */
    private static final Set<Integer> AUTH_ONLY = Set.of(432, 534, 535, 538);

    /**
     * {@code context} OTHER: the user named no command. A reply only AUTH gives (535) still gets its advice;
     * one that other commands give too (454 to STARTTLS or to AUTH) gets it only with {@code --command auth}.
     */
    static ReplyExplanation of(int code, Optional<String> enhanced, ReplyContext context) {
        boolean auth = context == ReplyContext.AUTH || (context == ReplyContext.OTHER && AUTH_ONLY.contains(code));
        Optional<LoginAdvice.Entry> advice = auth ? LoginAdvice.get().forReply(code, enhanced.orElse(null)) : Optional.empty();
        String meaning = advice.map(LoginAdvice.Entry::explanation)
                .orElseGet(() -> ReplyCodes.get().explain(code, enhanced, context));
        return new ReplyExplanation(code, enhanced.orElse(null),
                context == ReplyContext.OTHER ? null : context.key().toLowerCase(Locale.ROOT), meaning,
                advice.map(LoginAdvice.Entry::causes).orElse(List.of()),
                advice.map(LoginAdvice.Entry::tryNext).orElse(List.of()));
    }

    String text() {
        StringBuilder s = new StringBuilder();
        s.append(code).append(enhancedCode != null ? " " + enhancedCode : "")
                .append(command != null ? " (in answer to " + command.replace('_', ' ') + ")" : "")
                .append(": ").append(meaning).append('\n');
        list(s, "Likely causes:", causes);
        list(s, "What to try:", tryNext);
        return s.toString();
    }

    private static void list(StringBuilder s, String heading, List<String> items) {
        if (!items.isEmpty()) {
            s.append('\n').append(heading).append('\n');
            items.forEach(i -> s.append("  - ").append(i).append('\n'));
        }
    }
}
