package io.smtpscope.mail;

import io.smtpscope.session.SmtpConnection;
import io.smtpscope.text.Printable;
import io.smtpscope.smtp.ReplyCodes;
import io.smtpscope.smtp.ReplyContext;
import io.smtpscope.smtp.SmtpReply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MAIL FROM, one RCPT TO per recipient, DATA, the message, end of data (RFC 5321 section 3.3), each
 * reply recorded and explained. Stops at the first step that makes going on pointless; the message is
 * sent only if at least one recipient was accepted.
 */
public final class MailTransaction {
    /** Postfix "queued as 4XyZ1", Exim "id=1abc-...", Sendmail "... Message accepted for delivery", MS "<id>". */
    private static final Pattern QUEUE_ID = Pattern.compile(
            "(?i)(?:queued as|id=|\\bQueued mail for delivery\\b.*?\\bas)\\s*([A-Za-z0-9._@<>:-]{4,100})");

    public record Result(List<TransactionStep> steps, boolean accepted, String queueId) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    private MailTransaction() {
    }

    public static Result send(SmtpConnection connection, String from, List<String> to, byte[] message) throws IOException {
        List<TransactionStep> steps = new ArrayList<>();
        boolean utf8 = !isAscii(from) || to.stream().anyMatch(a -> !isAscii(a));
        // RFC 6531: non-ASCII addresses need SMTPUTF8; without it the server would reject or mangle them.
        String mailFrom = "MAIL FROM:<" + from + ">" + (utf8 && connection.extensions().has("SMTPUTF8") ? " SMTPUTF8" : "");
        SmtpReply reply = connection.command(mailFrom, "mail");
        steps.add(step(mailFrom, reply));
        if (!ReplyContext.MAIL.expects(reply.code())) {
            return new Result(steps, false, null);
        }
        int accepted = 0;
        for (String recipient : to) {
            String rcpt = "RCPT TO:<" + recipient + ">";
            SmtpReply r = connection.command(rcpt, "rcpt");
            TransactionStep step = step(rcpt, r);
            steps.add(step);
            if (step.ok()) {
                accepted++;
            }
            if (r.code() == 421) {
                return new Result(steps, false, null);
            }
        }
        if (accepted == 0) {
            SmtpReply rset = connection.command("RSET", "rset");
            steps.add(step("RSET", rset));
            return new Result(steps, false, null);
        }
        SmtpReply data = connection.command("DATA", "data");
        steps.add(step("DATA", data));
        if (!ReplyContext.DATA.expects(data.code())) {
            return new Result(steps, false, null);
        }
        byte[] wire = DotStuffing.encode(message);
        connection.session().transcript().client("(message: " + message.length + " bytes, " + wire.length
                + " on the wire after dot-stuffing)");
        connection.session().transcript().client(".");
        connection.session().sendMessageData(wire, connection.remaining("data"));
        SmtpReply end = connection.session().readReply("(end of data)", connection.remaining("end_of_data"));
        TransactionStep endStep = step("(end of data)", end);
        steps.add(endStep);
        boolean delivered = endStep.ok();
        return new Result(steps, delivered, delivered ? queueId(end).orElse(null) : null);
    }

    static Optional<String> queueId(SmtpReply reply) {
        Matcher m = QUEUE_ID.matcher(reply.shownText());
        return m.find() ? Optional.of(Printable.escapeControls(m.group(1))) : Optional.empty();
    }

    /** {@code ok} only on the reply class the protocol expects for this command (2xx, 354 to DATA). */
    private static TransactionStep step(String command, SmtpReply reply) {
        ReplyContext context = ReplyContext.of(command);
        return new TransactionStep(command, reply.code(), reply.enhancedCode().orElse(null),
                Printable.shorten(reply.shownText(), 1024), ReplyCodes.get().explain(reply.code(), reply.enhancedCode(), context),
                context.expects(reply.code()));
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }
}
