package io.smtpscope.smuggling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SMTP smuggling check concluded on one endpoint.
 *
 * @param status      vulnerable when one sequence was taken as the end of data, not vulnerable when every sequence
 *                    tried was waited out or refused, not tested otherwise ({@code reason} says why)
 * @param attempts    every sequence, tried or not, in order
 * @param token       the unique token in the test message's Subject and Message-ID, to find (and delete) it
 * @param connections connections opened (one per sequence tried)
 * @param login       how the check logged in (user and mechanism, never the secret); null without credentials
 */
public record SmugglingResult(Status status, String reason, List<SmugglingAttempt> attempts, String token, int connections,
                              String login) {
    public enum Status { VULNERABLE, NOT_VULNERABLE, NOT_TESTED }

    public SmugglingResult {
        attempts = List.copyOf(attempts);
    }

    public boolean messageAccepted() {
        return attempts.stream().anyMatch(SmugglingAttempt::vulnerable);
    }

    /** The evidence as the report shows it: the token, whether a message was accepted, then one entry per sequence. */
    public Map<String, String> evidence() {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("test_message_token", token);
        if (login != null) {
            evidence.put("login", login);
        }
        evidence.put("test_message_accepted", messageAccepted()
                ? "yes: a test message was accepted and will be delivered to the recipient (Subject contains the token)"
                : "no: every transaction was aborted or refused; nothing was delivered");
        for (SmugglingAttempt attempt : attempts) {
            evidence.put(attempt.sequence().id(), attempt.sequence().label() + ": " + attempt.describe());
        }
        return evidence;
    }
}
