package io.smtpscope.smuggling;

/**
 * One sequence on one connection: how the server answered the non-standard end of data.
 *
 * @param sequence      what was sent after the test body
 * @param outcome       how it ended
 * @param reply         the reply to the sequence ("250 2.0.0 Ok: queued as ..."), or what stopped the attempt; shown text
 * @param smuggledReply when the server took the sequence as the end: its reply to the smuggled MAIL FROM, if any
 */
public record SmugglingAttempt(SmugglingSequence sequence, Outcome outcome, String reply, String smuggledReply) {
    public enum Outcome {
        /** A 2xx right after the sequence: the server ended DATA there and accepted the test message. */
        TAKEN_AS_END_OF_DATA,
        /** No answer within the wait: the server still read message data; the connection was closed unterminated. */
        KEPT_WAITING,
        /** A 4xx/5xx after the sequence (Postfix "reject": bare LF refused): nothing was accepted. */
        REJECTED,
        /** The server closed the connection after the sequence without accepting anything. */
        CLOSED,
        /** The transaction did not reach DATA (connection, TLS, AUTH, MAIL, RCPT or DATA refused); {@code reply} says where. */
        NOT_REACHED,
        /** Not tried: an earlier sequence already showed the server vulnerable, or the deadline was near. */
        SKIPPED
    }

    public boolean vulnerable() {
        return outcome == Outcome.TAKEN_AS_END_OF_DATA;
    }

    /** What the report shows for this sequence, one line. */
    public String describe() {
        return switch (outcome) {
            case TAKEN_AS_END_OF_DATA -> "taken as end of data: " + reply + "; the test message was accepted"
                    + (smuggledReply == null ? "" : "; smuggled MAIL FROM answered " + smuggledReply);
            case KEPT_WAITING -> "no reply within the wait (" + reply + "): the server kept reading data; connection closed"
                    + " without the real terminator, so the transaction aborted and nothing was delivered";
            case REJECTED -> "rejected: " + reply + "; nothing was accepted";
            case CLOSED -> "the server closed the connection (" + reply + "); nothing was accepted";
            case NOT_REACHED -> "not reached: " + reply;
            case SKIPPED -> "not tried: " + reply;
        };
    }
}
