package io.smtpscope.session;

import io.smtpscope.result.Tool;

import java.time.Instant;
import java.util.List;

/**
 * The JSON document of {@code smtpscope login} (schema {@value #SCHEMA}): the session, the AUTH outcome,
 * the redacted transcript and the commands to repeat it by hand. {@code error} is set when the session
 * failed before AUTH could be tried.
 */
public record LoginReport(String schema, Tool tool, Instant started, SessionInfo session, AuthOutcome auth,
                          SessionError error, List<String> transcript, List<String> reproduce) {
    public static final String SCHEMA = "smtpscope/login/v1";

    public LoginReport {
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        reproduce = reproduce == null ? List.of() : List.copyOf(reproduce);
    }

    public boolean success() {
        return auth != null && auth.success();
    }
}
