package io.smtpscope.mail;

/** One step of the mail transaction as sent and answered, with the reply explained in plain words. */
public record TransactionStep(String command, int code, String enhancedCode, String text, String explanation,
                             boolean ok) {
}
