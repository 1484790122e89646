package io.smtpscope.result;

import java.util.List;

/** The SMTP dialogue's facts. {@code replies} lists every reply seen, each explained in plain words. */
public record SmtpResult(Banner banner, HelloReply ehlo, HelloReply ehloAfterTls, StartTlsResult starttls,
                         AuthAdvertised auth, List<ReplySeen> replies) {
    public SmtpResult {
        replies = replies == null ? List.of() : List.copyOf(replies);
    }
}
