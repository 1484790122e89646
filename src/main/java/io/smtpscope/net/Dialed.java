package io.smtpscope.net;

import io.smtpscope.result.AuthAdvertised;
import io.smtpscope.result.Banner;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ReplySeen;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.Timings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.EhloExtensions;
import io.smtpscope.smtp.PhaseTimeoutException;
import io.smtpscope.smtp.ReplyReader;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.SmtpSession;
import io.smtpscope.smtp.Transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one {@link SmtpDialer#dial dial} saw, step by step, and — when it reached its goal — the open connection.
 * The facts are final once {@code dial} returns; {@link #replies()} keeps growing while the caller goes on with
 * the session (QUIT, AUTH), so a probe that reads it last sees every reply. Confined to one thread.
 */
public final class Dialed implements AutoCloseable {
    private static final long QUIT_MILLIS = 2_000;

    final DialSteps steps;

    Dialed(DialSteps steps) {
        this.steps = steps;
    }

    /** Open, refused, timeout or unreachable: what the TCP connect said. */
    public Reachability reachability() {
        return steps.reachability;
    }

    /** True once the TCP connection was up (the SMTP facts below are then meaningful). */
    public boolean connected() {
        return steps.connected;
    }

    /** Null when the dial reached its goal; otherwise where and why it stopped (the report's error). */
    public ProbeError error() {
        return steps.error;
    }

    /**
     * Whether another attempt might go better: false only for a permanent SMTP refusal (a 5xx to the greeting,
     * EHLO or STARTTLS); timeouts, resets, refused connections and 4xx replies may pass.
     */
    public boolean retryWorthy() {
        return steps.retryWorthy;
    }

    public Banner banner() {
        return steps.banner;
    }

    public HelloReply ehlo() {
        return steps.ehlo;
    }

    public HelloReply ehloAfterTls() {
        return steps.ehloAfterTls;
    }

    /** Null on implicit-TLS and plain endpoints, and when the dial stopped before STARTTLS. */
    public StartTlsResult starttls() {
        return steps.starttls;
    }

    /** AUTH mechanisms advertised before and inside TLS. */
    public AuthAdvertised auth() {
        return new AuthAdvertised(steps.authBefore, steps.authAfter);
    }

    /** The negotiated session, null without TLS. */
    public TlsResult tls() {
        return steps.tls;
    }

    /** The certificates the server sent, leaf first; empty without TLS. */
    public List<X509Certificate> chain() {
        return steps.chain;
    }

    /** Per-phase milliseconds; {@code total} is the caller's to add. */
    public Timings timings() {
        return new Timings(steps.connectMs, steps.bannerMs, steps.ehloMs, steps.starttlsMs, steps.handshakeMs, null);
    }

    /** Every reply so far, explained; grows as the caller goes on with the session. */
    public List<ReplySeen> replies() {
        return steps.session == null ? List.of() : steps.session.replies();
    }

    /** True while the connection is open and usable (the goal was reached and nothing closed it). */
    public boolean open() {
        return steps.error == null && steps.session != null && !steps.closed;
    }

    /** The extensions of the last EHLO (inside TLS when TLS is up): the only ones a client may rely on (RFC 3207 4.2). */
    public EhloExtensions extensions() {
        return steps.extensions;
    }

    public SmtpSession session() {
        return steps.session;
    }

    /** The raw transport, for a ClientHello of our own after {@link DialGoal#TLS_READY}. */
    public Transport transport() {
        return steps.session.transport();
    }

    public Deadline commandDeadline(String phase) {
        return steps.commandDeadline(phase);
    }

    /** A deadline for a long step (a large message, a TLS exchange): what is left of the total time. */
    public Deadline remaining(String phase) {
        return new Deadline(phase, steps.totalExpiresAt, true);
    }

    public SmtpReply command(String command, String phase) throws IOException {
        return steps.session.command(command, steps.commandDeadline(phase));
    }

    /**
     * STARTTLS and {@code followers} in ONE write (what an attacker injecting commands before TLS does), then, on a
     * 220, the dial's own TLS handshake. Plaintext that arrives after the 220 (in the same read, or within
     * {@code settleMillis} while nothing is sent) is recorded and discarded; whatever the server answers after
     * that arrives inside TLS, for the caller to read. Only after {@link DialGoal#PLAINTEXT_EHLO}.
     */
    public PipelinedStartTls startTlsPipelined(List<String> followers, long settleMillis, int keepBytes) throws IOException {
        if (!open() || steps.tls != null) {
            throw new IllegalStateException("STARTTLS needs an open plaintext session (DialGoal.PLAINTEXT_EHLO)");
        }
        steps.phase = "starttls";
        List<String> commands = new ArrayList<>();
        commands.add("STARTTLS");
        commands.addAll(followers);
        long t0 = System.nanoTime();
        steps.session.pipeline(commands, steps.commandDeadline("starttls"));
        SmtpReply reply = steps.session.readReply("STARTTLS", steps.commandDeadline("starttls"));
        steps.starttlsMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        if (reply.code() != 220) {
            return new PipelinedStartTls(reply, new byte[0], 0, null);
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int total = take(kept, keepBytes);
        if (total == 0 && settleMillis > 0) {
            // Nothing came with the 220: give a server that answers the injected commands in plaintext a moment.
            try {
                byte[] late = steps.session.readRaw(keepBytes, Deadline.of("starttls_settle", settleMillis, steps.totalExpiresAt));
                kept.write(late, 0, late.length);
                total += late.length + take(kept, keepBytes - late.length);
            } catch (PhaseTimeoutException quiet) {
                // the expected case: the server waits for our ClientHello
            }
        }
        if (total > 0) {
            steps.session.transcript().note("the server sent " + total + " plaintext bytes after its 220 to STARTTLS"
                    + " (recorded, then discarded)");
        }
        try {
            steps.upgrade.handshake();
        } catch (IOException e) {
            return new PipelinedStartTls(reply, kept.toByteArray(), total, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        steps.phase = "after_tls";
        return new PipelinedStartTls(reply, kept.toByteArray(), total, null);
    }

    private int take(ByteArrayOutputStream kept, int keepBytes) {
        ReplyReader.Buffered buffered = steps.session.takeBuffered(Math.max(0, keepBytes - kept.size()));
        kept.write(buffered.first(), 0, buffered.first().length);
        return buffered.total();
    }

    /** Polite end: QUIT and its reply if any. Never throws; many servers close without answering. */
    public void quit() {
        if (steps.session == null || steps.closed) {
            return;
        }
        try {
            steps.session.command("QUIT", Deadline.of("quit", QUIT_MILLIS, steps.totalExpiresAt));
        } catch (IOException | RuntimeException ignored) {
            // politeness only
        }
    }

    /** True when the endpoint's total deadline passed and the watchdog closed the connection. */
    public boolean deadlinePassed() {
        return steps.watchdog != null && steps.watchdog.fired();
    }

    @Override
    public void close() {
        steps.close();
    }
}
