package io.smtpscope.mail;

import io.smtpscope.reproduce.ManualCommands;
import io.smtpscope.result.Tool;
import io.smtpscope.session.Redactor;
import io.smtpscope.session.SessionSetup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** send-test: open (and log in), run one mail transaction with the built message, report every step. */
public final class SendTest {
    private SendTest() {
    }

    public static SendReport run(SessionSetup setup, Tool tool, String from, List<String> to,
                                 TestMessage.Built message, List<String> attachmentNames) {
        var started = setup.clock().instant();
        AtomicReference<MailTransaction.Result> result = new AtomicReference<>();
        SessionSetup.Outcome outcome = setup.run(connection -> result.set(MailTransaction.send(connection, from, to, message.bytes())));
        Redactor r = setup.redactor();
        MailTransaction.Result mail = result.get();
        List<TransactionStep> steps = new ArrayList<>();
        if (mail != null) {
            // The server's texts were masked as they were read; the explanation is ours; the command is a protocol line.
            mail.steps().forEach(s -> steps.add(new TransactionStep(r.redact(s.command()), s.code(), s.enhancedCode(),
                    s.text(), s.explanation(), s.ok())));
        }
        return new SendReport(SendReport.SCHEMA, tool, started, false, outcome.session(), outcome.auth(),
                message.messageId(), steps, mail != null && mail.accepted(),
                mail == null ? null : mail.queueId(), outcome.error(), outcome.transcript(),
                reproduce(setup, from, to, attachmentNames));
    }

    public static List<String> reproduce(SessionSetup setup, String from, List<String> to, List<String> attachments) {
        ManualCommands.Request base = setup.reproduceRequest(ManualCommands.Step.SEND);
        return ManualCommands.of(new ManualCommands.Request(base.address(), base.port(), base.mode(), base.name(),
                ManualCommands.Step.SEND, base.user(), base.mechanism(), from, to, attachments));
    }
}
