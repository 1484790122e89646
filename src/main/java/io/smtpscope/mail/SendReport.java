package io.smtpscope.mail;

import io.smtpscope.result.Tool;
import io.smtpscope.session.AuthOutcome;
import io.smtpscope.session.SessionError;
import io.smtpscope.session.SessionInfo;

import java.time.Instant;
import java.util.List;

/**
 * The JSON document of {@code smtpscope send-test} (schema {@value #SCHEMA}). {@code accepted}: the server
 * answered 250 to the end of data, i.e. took responsibility for the message (RFC 5321 section 4.1.1.4);
 * {@code queue_id} is the id from that reply when the server gives one. {@code auth} is null without --user.
 */
public record SendReport(String schema, Tool tool, Instant started, boolean dryRun, SessionInfo session,
                         AuthOutcome auth, String messageId, List<TransactionStep> steps, boolean accepted,
                         String queueId, SessionError error, List<String> transcript, List<String> reproduce) {
    public static final String SCHEMA = "smtpscope/send-test/v1";

    public SendReport {
        steps = steps == null ? List.of() : List.copyOf(steps);
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        reproduce = reproduce == null ? List.of() : List.copyOf(reproduce);
    }
}
