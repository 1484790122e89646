package io.smtpscope.mail;

import io.smtpscope.smtp.SmtpReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MailTransactionTest {
    @Test
    void queueIdFromPostfixAndExim() {
        assertEquals(Optional.of("4XyZ1abC"), MailTransaction.queueId(new SmtpReply(250, List.of("2.0.0 Ok: queued as 4XyZ1abC"))));
        assertEquals(Optional.of("1tQ2aB-000Abc-7x"), MailTransaction.queueId(new SmtpReply(250, List.of("OK id=1tQ2aB-000Abc-7x"))));
        assertEquals(Optional.empty(), MailTransaction.queueId(new SmtpReply(250, List.of("2.0.0 Ok"))));
    }
}
