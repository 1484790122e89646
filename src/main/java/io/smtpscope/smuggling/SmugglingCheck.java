package io.smtpscope.smuggling;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.session.AuthOutcome;
import io.smtpscope.session.Authenticator;
import io.smtpscope.session.SessionOpenException;
import io.smtpscope.session.SessionOpener;
import io.smtpscope.session.SmtpConnection;
import io.smtpscope.smtp.ConnectionClosedException;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.PhaseTimeoutException;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.text.Printable;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * SMTP smuggling, opt-in only: per connection one transaction to the user's own recipient whose data ends with ONE
 * non-standard sequence followed by a smuggled {@code MAIL FROM} line, and never the real terminator. A 2xx within
 * the wait means the server took the sequence as the end of data (vulnerable, and the test message was accepted);
 * silence means it is still reading data, so the connection is closed unterminated and the transaction aborts
 * (RFC 5321 section 4.1.1.4: nothing is delivered without a completed DATA). It stops at the first sequence taken,
 * so a vulnerable server receives one test message. Connections go through the {@link SessionOpener} (the one
 * dialer, strict TLS); credentials are sent only as {@code login} sends them ({@link Authenticator}).
 */
public final class SmugglingCheck {
    public static final String ID = "smtp_smuggling";
    /** After a 2xx, how long the smuggled MAIL FROM may take to be answered (evidence only). */
    private static final long SMUGGLED_REPLY_MILLIS = 2_000;
    private static final int TOKEN_BYTES = 8;

    private final ProbeSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SmugglingCheck(ProbeSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Asked before each connection: empty to go ahead, else why no more connections may be opened (a budget). */
    @FunctionalInterface
    public interface ConnectionGate {
        Optional<String> take();
    }

    public SmugglingResult run(Endpoint endpoint, SmugglingRequest request, EndpointDeadline deadline) {
        return run(endpoint, request, deadline, Optional::empty);
    }

    public SmugglingResult run(Endpoint endpoint, SmugglingRequest request, EndpointDeadline deadline, ConnectionGate gate) {
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = "smtpscope-smuggling-" + HexFormat.of().formatHex(raw);
        List<SmugglingAttempt> attempts = new ArrayList<>();
        int connections = 0;
        String stop = null;
        StringBuilder login = new StringBuilder();
        for (SmugglingSequence sequence : request.sequences()) {
            if (stop != null) {
                attempts.add(new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.SKIPPED, stop, null));
                continue;
            }
            // A sound attempt needs its whole wait plus a dialogue; an attempt cut short would prove nothing.
            long needed = request.replyWait().toMillis() + settings.commandTimeout().toMillis();
            if (deadline.remainingMillis() < needed) {
                stop = "the endpoint deadline left too little time (" + deadline.remainingMillis() + " ms) for a sound attempt";
                attempts.add(new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.SKIPPED, stop, null));
                continue;
            }
            Optional<String> refused = gate.take();
            if (refused.isPresent()) {
                stop = refused.get();
                attempts.add(new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.SKIPPED, stop, null));
                continue;
            }
            connections++;
            SmugglingAttempt attempt = attempt(endpoint, request, sequence, token, deadline, login);
            attempts.add(attempt);
            if (attempt.vulnerable()) {
                stop = "an earlier sequence was taken (one test message is enough)";
            } else if (attempt.outcome() == SmugglingAttempt.Outcome.NOT_REACHED) {
                stop = "the transaction did not reach DATA on the previous connection";
            }
        }
        return verdict(attempts, token, connections, login.isEmpty() ? null : login.toString());
    }

    private static SmugglingResult verdict(List<SmugglingAttempt> attempts, String token, int connections, String login) {
        List<SmugglingAttempt> taken = attempts.stream().filter(SmugglingAttempt::vulnerable).toList();
        if (!taken.isEmpty()) {
            return new SmugglingResult(SmugglingResult.Status.VULNERABLE, "the server took " + taken.get(0).sequence().label()
                    + " as the end of data (" + taken.get(0).reply() + "); a test message was accepted for the recipient",
                    attempts, token, connections, login);
        }
        List<SmugglingAttempt> decided = attempts.stream().filter(a -> switch (a.outcome()) {
            case KEPT_WAITING, REJECTED, CLOSED -> true;
            default -> false;
        }).toList();
        if (!decided.isEmpty() && decided.size() == attempts.size()) {
            return new SmugglingResult(SmugglingResult.Status.NOT_VULNERABLE, "no non-standard end-of-data sequence was taken ("
                    + decided.size() + " tried, each on its own connection); nothing was delivered", attempts, token, connections, login);
        }
        SmugglingAttempt first = attempts.stream().filter(a -> a.outcome() == SmugglingAttempt.Outcome.NOT_REACHED
                || a.outcome() == SmugglingAttempt.Outcome.SKIPPED).findFirst().orElse(attempts.get(0));
        String reason = decided.isEmpty() ? first.describe()
                : "only " + decided.size() + " of " + attempts.size() + " sequences could be tried (" + first.describe() + ")";
        return new SmugglingResult(SmugglingResult.Status.NOT_TESTED, reason, attempts, token, connections, login);
    }

    private SmugglingAttempt attempt(Endpoint endpoint, SmugglingRequest request, SmugglingSequence sequence, String token,
                                     EndpointDeadline deadline, StringBuilder login) {
        Duration left = Duration.ofMillis(deadline.remainingMillis());
        ProbeSettings bounded = settings.withTimeouts(min(settings.connectTimeout(), left), min(settings.bannerTimeout(), left),
                min(settings.commandTimeout(), left), min(settings.tlsTimeout(), left), left);
        SessionOpener opener = new SessionOpener(bounded, new ChainValidator(request.anchors()), clock);
        Transcript transcript = new Transcript();
        try (SmtpConnection connection = opener.open(endpoint, transcript)) {
            if (request.credentials() != null) {
                AuthOutcome auth = new Authenticator(false, request.insecure())
                        .authenticate(connection, request.credentials(), request.mechanism());
                if (!auth.success()) {
                    return notReached(sequence, "AUTH did not succeed (" + auth.status() + ")");
                }
                if (login.isEmpty()) {
                    login.append("logged in as ").append(Printable.escapeControls(auth.user())).append(" with ")
                            .append(auth.mechanism()).append(" before each transaction");
                }
            }
            SmtpReply mail = connection.command("MAIL FROM:<" + request.sender() + ">", "mail");
            if (mail.code() / 100 != 2) {
                return notReached(sequence, "MAIL FROM answered " + shown(mail));
            }
            SmtpReply rcpt = connection.command("RCPT TO:<" + request.recipient() + ">", "rcpt");
            if (rcpt.code() != 250 && rcpt.code() != 251) {
                return notReached(sequence, "RCPT TO answered " + shown(rcpt));
            }
            SmtpReply data = connection.command("DATA", "data");
            if (data.code() != 354) {
                return notReached(sequence, "DATA answered " + shown(data));
            }
            transcript.client("(test body, then " + sequence.label() + " and a smuggled MAIL FROM; no <CR><LF>.<CR><LF>)");
            connection.session().sendMessageData(TestBody.wire(request.sender(), request.recipient(), token, sequence,
                    clock.instant().atZone(ZoneOffset.UTC)), connection.remaining("data"));
            return afterSequence(connection, sequence, request.replyWait(), deadline);
        } catch (SessionOpenException e) {
            return notReached(sequence, e.error().phase() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return notReached(sequence, "the dialogue failed before the sequence was sent: " + message(e));
        }
    }

    /** Reads the answer to the sequence, bounded by the wait; never sends the real terminator. */
    private SmugglingAttempt afterSequence(SmtpConnection connection, SmugglingSequence sequence, Duration wait,
                                           EndpointDeadline deadline) {
        SmtpReply reply;
        try {
            reply = connection.session().readReply("(after " + sequence.label() + ")", deadline.phase("smuggling_wait", wait.toMillis()));
        } catch (PhaseTimeoutException e) {
            return new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.KEPT_WAITING, "waited " + wait.toSeconds() + " s", null);
        } catch (ConnectionClosedException e) {
            return new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.CLOSED, "closed without a reply", null);
        } catch (IOException | RuntimeException e) {
            return new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.CLOSED, message(e), null);
        }
        if (reply.code() / 100 != 2) {
            return new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.REJECTED, shown(reply), null);
        }
        String smuggled = null;
        try {
            Deadline shortWait = deadline.phase("smuggled_reply", SMUGGLED_REPLY_MILLIS);
            smuggled = shown(connection.session().readReply("(smuggled MAIL FROM)", shortWait));
        } catch (IOException | RuntimeException e) {
            // evidence only: a server may read the smuggled line later, or not at all
        }
        connection.quit(); // QUIT also ends the transaction the smuggled MAIL FROM began
        return new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.TAKEN_AS_END_OF_DATA, shown(reply), smuggled);
    }

    private static SmugglingAttempt notReached(SmugglingSequence sequence, String why) {
        return new SmugglingAttempt(sequence, SmugglingAttempt.Outcome.NOT_REACHED, Printable.shorten(Printable.escapeControls(why), 200), null);
    }

    private static String shown(SmtpReply reply) {
        return Printable.shorten(Printable.escapeControls(reply.code() + " " + reply.shownFirstLine()), 200);
    }

    private static String message(Exception e) {
        return Printable.shorten(Printable.escapeControls(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 200);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
