package io.smtpscope.probe;

import io.smtpscope.net.Dialed;
import io.smtpscope.net.PipelinedStartTls;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.text.Printable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STARTTLS command injection (CVE-2011-0411 and the 2021 "NO STARTTLS" findings): a server that keeps the
 * plaintext it buffered with STARTTLS and executes it after the handshake lets a man in the middle inject commands
 * into the protected session. The probe sends {@code STARTTLS\r\nNOOP\r\n} in one write, completes the handshake,
 * then sends QUIT inside TLS and reads up to the 221: a reply before it can only answer the NOOP sent before TLS.
 * Sending QUIT instead of waiting for silence makes the verdict independent of timing: a server that discards the
 * buffer answers the QUIT first; one that kept it answers the NOOP first.
 */
public final class StartTlsInjectionProbe {
    /** The command injected before TLS: harmless, and answered 250 by every server that executes it. */
    public static final String INJECTED = "NOOP";
    /** How long plaintext may trail the 220 before our ClientHello goes out. */
    static final long SETTLE_MILLIS = 300;
    static final int KEEP_BYTES = 256;
    /** Replies read inside TLS: the NOOP's, the QUIT's, and one spare for a server that answers twice. */
    static final int MAX_REPLIES = 3;

    public enum Status { VULNERABLE, NOT_VULNERABLE, NOT_TESTED }

    /** The verdict, one line saying why, and the evidence in the order it was seen (values escaped, bounded). */
    public record Outcome(Status status, String reason, Map<String, String> evidence) {
        public Outcome {
            evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        }
    }

    private StartTlsInjectionProbe() {
    }

    /**
     * Runs on {@code dialed}, open after {@link io.smtpscope.net.DialGoal#PLAINTEXT_EHLO} on a STARTTLS endpoint.
     * Never throws: a failure on the way is a not-tested outcome saying where; the caller closes the connection.
     */
    public static Outcome run(Dialed dialed) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("sent", "STARTTLS<CR><LF>" + INJECTED + "<CR><LF> in one write");
        if (!dialed.extensions().has("STARTTLS")) {
            return new Outcome(Status.NOT_TESTED, "the server does not advertise STARTTLS", evidence);
        }
        PipelinedStartTls started;
        try {
            started = dialed.startTlsPipelined(List.of(INJECTED), SETTLE_MILLIS, KEEP_BYTES);
        } catch (IOException | RuntimeException e) {
            return new Outcome(Status.NOT_TESTED, "STARTTLS failed: " + message(e), evidence);
        }
        put(evidence, "starttls_reply", started.reply().code() + " " + started.reply().shownFirstLine());
        if (started.plaintextBytes() > 0) {
            put(evidence, "plaintext_after_220", started.plaintextBytes() + " bytes: "
                    + Printable.decode(started.plaintextAfter()));
        }
        if (!started.accepted()) {
            return new Outcome(Status.NOT_TESTED, "STARTTLS was answered " + started.reply().code() + ", not 220", evidence);
        }
        if (!started.tlsUp()) {
            return new Outcome(Status.NOT_TESTED, "the TLS handshake after the 220 failed: " + started.handshakeError(), evidence);
        }
        put(evidence, "tls", dialed.tls().protocol() + " " + dialed.tls().cipherSuite());
        return readInsideTls(dialed, evidence);
    }

    private static Outcome readInsideTls(Dialed dialed, Map<String, String> evidence) {
        List<String> before = new ArrayList<>();
        try {
            dialed.session().pipeline(List.of("QUIT"), dialed.commandDeadline("quit"));
            for (int i = 0; i < MAX_REPLIES; i++) {
                Deadline deadline = dialed.commandDeadline("after_tls");
                SmtpReply reply = dialed.session().readReply(i == 0 ? "(first reply inside TLS)" : "(reply inside TLS)", deadline);
                if (reply.code() == 221) {
                    put(evidence, "quit_reply", reply.code() + " " + reply.shownFirstLine());
                    break;
                }
                before.add(reply.code() + " " + reply.shownFirstLine());
            }
        } catch (IOException | RuntimeException e) {
            if (before.isEmpty()) {
                return new Outcome(Status.NOT_TESTED, "no reply inside TLS: " + message(e), evidence);
            }
            put(evidence, "after_replies", message(e));
        }
        if (before.isEmpty()) {
            put(evidence, "replies_before_quit", "none");
            return new Outcome(Status.NOT_VULNERABLE, "the server discarded the " + INJECTED
                    + " sent with STARTTLS: its first reply inside TLS answered our QUIT", evidence);
        }
        put(evidence, "replies_before_quit", String.join(" | ", before));
        return new Outcome(Status.VULNERABLE, "the server executed the " + INJECTED + " sent in plaintext with STARTTLS "
                + "and answered it inside TLS (" + before.get(0) + "): commands injected before TLS run in the protected session",
                evidence);
    }

    private static void put(Map<String, String> evidence, String name, String value) {
        evidence.put(name, Printable.shorten(Printable.escapeControls(value), 240));
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
