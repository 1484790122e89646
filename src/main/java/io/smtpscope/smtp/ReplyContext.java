package io.smtpscope.smtp;

import java.util.Locale;

/**
 * The command a reply answers, which decides both what it means (554 as a greeting refuses the session,
 * 554 to RCPT refuses the recipient) and which reply class the protocol expects (RFC 5321 section 4.3.2).
 */
public enum ReplyContext {
    GREETING("greeting"), HELLO("hello"), STARTTLS("starttls"), AUTH("auth"), MAIL("mail"), RCPT("rcpt"),
    DATA("data"), END_OF_DATA("end_of_data"), RSET("rset"), QUIT("quit"), OTHER("other");

    private final String key;

    ReplyContext(String key) {
        this.key = key;
    }

    /** The key of this context in {@code reply-codes.yaml}'s {@code in_context} table ("rcpt 554"). */
    public String key() {
        return key;
    }

    /** From the command as recorded ("RCPT TO:<a@b>", "(greeting)", "(end of data)", "AUTH PLAIN ..."). */
    public static ReplyContext of(String command) {
        if (command == null) {
            return OTHER;
        }
        String c = command.strip().toUpperCase(Locale.ROOT);
        if (c.equals("(GREETING)")) {
            return GREETING;
        }
        if (c.equals("(END OF DATA)")) {
            return END_OF_DATA;
        }
        if (c.startsWith("EHLO") || c.startsWith("HELO")) {
            return HELLO;
        }
        if (c.startsWith("AUTH") || c.startsWith("(AUTH") || c.startsWith("(SASL")) {
            return AUTH;
        }
        for (ReplyContext verb : new ReplyContext[]{STARTTLS, MAIL, RCPT, DATA, RSET, QUIT}) {
            if (c.equals(verb.name()) || c.startsWith(verb.name() + " ") || c.startsWith(verb.name() + ":")) {
                return verb;
            }
        }
        return OTHER;
    }

    /**
     * True when {@code code} is what the protocol expects here: 220 to a greeting and to STARTTLS, 354 to
     * DATA, 2xx or a 3xx challenge within AUTH (RFC 4954 section 4), 2xx to everything else.
     */
    public boolean expects(int code) {
        return switch (this) {
            case GREETING, STARTTLS -> code == 220;
            case DATA -> code == 354;
            case AUTH -> code / 100 == 2 || code / 100 == 3;
            default -> code / 100 == 2;
        };
    }
}
