package io.smtpscope.smuggling;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.session.Credentials;
import io.smtpscope.session.Mechanism;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The user's explicit consent to the SMTP smuggling check and what it needs: the recipient they own, the sender
 * (the recipient when not given), credentials when the server requires AUTH (null otherwise), the sequences to try
 * (one per connection) and how long to wait for an answer to each before giving up on it.
 */
public record SmugglingRequest(String recipient, String sender, Credentials credentials, Optional<Mechanism> mechanism,
                               boolean insecure, TrustAnchors anchors, List<SmugglingSequence> sequences, Duration replyWait) {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    public SmugglingRequest {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("the smuggling check needs an explicit recipient");
        }
        sender = sender == null || sender.isBlank() ? recipient : sender;
        mechanism = mechanism == null ? Optional.empty() : mechanism;
        sequences = sequences == null || sequences.isEmpty() ? List.of(SmugglingSequence.values()) : List.copyOf(sequences);
        replyWait = replyWait == null ? DEFAULT_WAIT : replyWait;
    }

    /** Never shows the secret: {@link Credentials#toString()} masks it, and only the user name is named here. */
    @Override
    public String toString() {
        return "SmugglingRequest[recipient=" + recipient + ", sender=" + sender + ", user="
                + (credentials == null ? "none" : credentials.user()) + ", sequences=" + sequences + ", wait=" + replyWait + "]";
    }
}
