package io.smtpscope.session;

import java.util.List;

/**
 * The result of one login attempt. {@code status}: how it ended ({@link AuthStatus}).
 * {@code reply_code}/{@code enhanced_code}: the server's final answer to AUTH, when there was one.
 */
public record AuthOutcome(String user, String mechanism, List<String> mechanismsOffered, AuthStatus status,
                          boolean success, Integer replyCode, String enhancedCode, String serverText,
                          String explanation, List<String> likelyCauses, List<String> whatToTry) {
    public AuthOutcome {
        mechanismsOffered = mechanismsOffered == null ? List.of() : List.copyOf(mechanismsOffered);
        likelyCauses = likelyCauses == null ? List.of() : List.copyOf(likelyCauses);
        whatToTry = whatToTry == null ? List.of() : List.copyOf(whatToTry);
    }
}
