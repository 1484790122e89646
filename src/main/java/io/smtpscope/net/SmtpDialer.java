package io.smtpscope.net;

import io.smtpscope.result.Banner;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.EhloExtensions;
import io.smtpscope.smtp.PhaseTimeoutException;
import io.smtpscope.smtp.PlainTransport;
import io.smtpscope.smtp.ProtocolViolationException;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.SmtpSession;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.text.Printable;
import io.smtpscope.tls.TlsContexts;
import io.smtpscope.tls.TlsPolicy;
import io.smtpscope.tls.TlsTransport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The one place that opens a connection to a mail server. It connects under the endpoint's total deadline with a
 * {@link Watchdog}, waits for the whole greeting, says EHLO (HELO after a 5xx, RFC 5321 section 3.2), upgrades
 * with STARTTLS (RFC 3207) or starts with TLS (RFC 8314) and says EHLO again — as far as the {@link DialGoal}
 * asks. Every outcome, every failure included, is data in the returned {@link Dialed}; nothing is thrown, and
 * one {@link FailureClassifier} names every failure. It never sends MAIL, RCPT or DATA.
 */
public final class SmtpDialer {
    /** Bytes read after a banner timeout to name a silent service (HTTP answers a stray line with 400). */
    private static final int IDENTIFY_BYTES = 256;
    private static final long IDENTIFY_MILLIS = 2_000;
    private static final long QUIT_MILLIS = 2_000;

    private final ProbeSettings settings;
    private final TlsPolicy tlsPolicy;

    /** A dialer that observes: the scan's TLS, which reaches legacy servers too ({@link TlsPolicy#OBSERVING}). */
    public SmtpDialer(ProbeSettings settings) {
        this(settings, TlsPolicy.OBSERVING);
    }

    /** A dialer whose TLS handshakes follow {@code tlsPolicy}: {@link TlsPolicy#STRICT} before credentials or mail. */
    public SmtpDialer(ProbeSettings settings, TlsPolicy tlsPolicy) {
        this.settings = settings;
        this.tlsPolicy = tlsPolicy;
    }

    public ProbeSettings settings() {
        return settings;
    }

    /** A dial with an endpoint deadline of its own: the profile's total timeout from now. */
    public Dialed dial(Endpoint endpoint, DialGoal goal, Transcript transcript) {
        return dial(endpoint, goal, transcript, EndpointDeadline.startingNow(settings.totalTimeout()));
    }

    /**
     * A dial that ends, with its connection, by {@code deadline} at the latest: the endpoint's, shared by every
     * connection made for it. A deadline already passed opens nothing.
     */
    public Dialed dial(Endpoint endpoint, DialGoal goal, Transcript transcript, EndpointDeadline deadline) {
        DialSteps steps = new DialSteps(deadline.expiresAtNanos(), settings.commandTimeout().toMillis());
        if (deadline.passed()) {
            steps.fail(new ProbeError("connect", ErrorKind.DEADLINE_EXCEEDED, deadline.describe()
                    + " passed before connecting"), false);
            steps.close();
            return new Dialed(steps);
        }
        steps.watchdog = Watchdog.closeAfter(steps.socket, Math.max(1, deadline.remainingMillis()));
        Run run = new Run(endpoint, goal, transcript, steps, deadline.watcher());
        try {
            run.dialogue();
            if (goal == DialGoal.TLS_READY && steps.error == null) {
                // the caller's raw hello comes next, bounded by the TLS timeout
                deadline.watcher().stepStarted(endpoint, "hello",
                        Math.min(settings.tlsTimeout().toMillis(), deadline.remainingMillis()));
            }
        } catch (IOException e) {
            steps.fail(run.classify(e), true);
        } catch (RuntimeException e) {
            steps.fail(new ProbeError(steps.phase, ErrorKind.INTERNAL_ERROR, "internal error: " + e), false);
        }
        if (steps.error != null) {
            steps.close();
        }
        return new Dialed(steps);
    }

    /** One dial's dialogue; confined to the calling thread. */
    private final class Run {
        private final Endpoint endpoint;
        private final DialGoal goal;
        private final Transcript transcript;
        private final DialSteps s;
        private final Mode mode;
        private final DialWatcher watcher;

        Run(Endpoint endpoint, DialGoal goal, Transcript transcript, DialSteps steps, DialWatcher watcher) {
            this.endpoint = endpoint;
            this.goal = goal;
            this.transcript = transcript;
            this.s = steps;
            this.mode = endpoint.target().mode();
            this.watcher = watcher;
        }

        /** Enters {@code phase}, which may take up to {@code timeoutMillis} (cut to the endpoint deadline). */
        private void enter(String phase, long timeoutMillis) {
            s.phase = phase;
            long left = Math.max(0, (s.totalExpiresAt - System.nanoTime()) / 1_000_000);
            watcher.stepStarted(endpoint, phase, Math.min(timeoutMillis, left));
        }

        void dialogue() throws IOException {
            connect();
            s.session = new SmtpSession(new PlainTransport(s.socket), transcript);
            s.upgrade = this::handshake;
            if (goal == DialGoal.TLS_READY && mode != Mode.STARTTLS) {
                return; // the server expects a ClientHello now (implicit TLS)
            }
            if (mode == Mode.IMPLICIT_TLS) {
                handshake();
            }
            if (!greeting() || !ehlo()) {
                return;
            }
            if (mode == Mode.STARTTLS) {
                if (goal == DialGoal.TLS_READY) {
                    startTlsForRawHello();
                } else if (goal == DialGoal.SESSION) {
                    startTls();
                }
            }
        }

        private void connect() throws IOException {
            enter("connect", settings.connectTimeout().toMillis());
            long t0 = System.nanoTime();
            transcript.note("connecting to " + endpoint.addressText() + " port " + endpoint.port());
            try {
                s.socket.connect(new InetSocketAddress(endpoint.address(), endpoint.port()),
                        // at least 1: a connect timeout of 0 would wait forever
                        Math.max(1, Deadline.of("connect", settings.connectTimeout().toMillis(), s.totalExpiresAt).remainingMillis()));
            } finally {
                s.connectMs = millisSince(t0);
            }
            s.connected = true;
            s.socket.setTcpNoDelay(true);
            transcript.note("connected");
        }

        private void handshake() throws IOException {
            enter("handshake", settings.tlsTimeout().toMillis());
            long t0 = System.nanoTime();
            // RFC 6066 section 3: SNI carries host names only, never address literals.
            String sni = TlsContexts.sniName(endpoint.serverName());
            transcript.note("starting TLS handshake" + (sni != null ? " (SNI " + sni + ")" : " (no SNI: address literal)"));
            Deadline deadline = Deadline.of("handshake", settings.tlsTimeout().toMillis(), s.totalExpiresAt);
            TlsTransport tlsTransport;
            try {
                tlsTransport = TlsTransport.handshake(s.session.transport(),
                        TlsContexts.engine(tlsPolicy, endpoint.address().getHostAddress(), endpoint.port(), sni), deadline);
            } finally {
                s.handshakeMs = millisSince(t0);
            }
            s.session.switchTransport(tlsTransport);
            s.tls = tlsTransport.negotiated(sni);
            s.chain = tlsTransport.peerChain();
            transcript.note("TLS established: " + s.tls.protocol() + ", " + s.tls.cipherSuite() + ", " + s.chain.size()
                    + " certificate(s)");
        }

        /** False when the greeting ends the dialogue (refusal, timeout, not SMTP). */
        private boolean greeting() throws IOException {
            enter("banner", settings.bannerTimeout().toMillis());
            long t0 = System.nanoTime();
            SmtpReply reply;
            try {
                reply = s.session.greeting(Deadline.of("banner", settings.bannerTimeout().toMillis(), s.totalExpiresAt));
            } catch (PhaseTimeoutException e) {
                s.bannerMs = millisSince(t0);
                s.fail(bannerTimeout(e), true);
                return false;
            } catch (ProtocolViolationException e) {
                s.bannerMs = millisSince(t0);
                String service = ServiceSniffer.identify(e.rawStart());
                s.banner = new Banner(null, Printable.decode(e.rawStart()), service);
                s.fail(notSmtpGreeting(service, e), true);
                return false;
            }
            s.bannerMs = millisSince(t0);
            s.banner = new Banner(reply.code(), reply.shownText(), "smtp");
            if (reply.code() == 421 || reply.transientFailure()) {
                s.fail(new ProbeError("banner", ErrorKind.RATE_LIMITED, "the server answered " + reply.code()
                        + " (service not available now: rate limit, overload or maintenance): "
                        + Printable.shorten(reply.shownFirstLine(), 200)), true);
                return false;
            }
            if (reply.permanentFailure()) {
                s.fail(new ProbeError("banner", ErrorKind.REJECTED, "the server refused service with "
                        + reply.code() + ": " + Printable.shorten(reply.shownFirstLine(), 200)), false);
                quit(); // RFC 5321 section 3.1: after a 554 greeting the server waits for QUIT
                return false;
            }
            return true;
        }

        private ProbeError notSmtpGreeting(String service, ProtocolViolationException e) {
            if (!service.equals("unknown") && !service.equals("smtp")) {
                return new ProbeError("banner", ErrorKind.NOT_SMTP,
                        "the port answered like " + ServiceSniffer.describe(service) + ", not an SMTP server");
            }
            return new ProbeError("banner", e.kind() == ErrorKind.MALFORMED_REPLY ? ErrorKind.NOT_SMTP : e.kind(),
                    "invalid greeting: " + e.getMessage());
        }

        /** After a banner timeout a stray line makes HTTP, TLS and other services reveal themselves. */
        private ProbeError bannerTimeout(PhaseTimeoutException timeout) {
            String message = timeout.total() ? "no greeting before the endpoint deadline"
                    : "no SMTP greeting within " + settings.bannerTimeout().toSeconds() + " s";
            ProbeError error = new ProbeError("banner", timeout.total() ? ErrorKind.DEADLINE_EXCEEDED : ErrorKind.BANNER_TIMEOUT, message);
            if (!settings.identifySilentService() || timeout.total() || goal == DialGoal.TLS_READY) {
                return error;
            }
            try {
                Deadline deadline = Deadline.of("banner", IDENTIFY_MILLIS, s.totalExpiresAt);
                transcript.note("no greeting; sending one line to identify the service");
                byte[] answer = s.session.probeRaw("EHLO " + settings.ehloName(), IDENTIFY_BYTES, deadline);
                if (answer.length > 0) {
                    transcript.server(Printable.shorten(Printable.decode(transcript.redaction().redact(answer)), 200));
                }
                String service = ServiceSniffer.identify(answer);
                if (!service.equals("unknown") && !service.equals("smtp")) {
                    s.banner = new Banner(null, null, service);
                    return new ProbeError("banner", ErrorKind.NOT_SMTP, message + "; the port answered like "
                            + ServiceSniffer.describe(service) + ", not an SMTP server");
                }
            } catch (IOException | RuntimeException ignored) {
                // silence or a closed connection: the banner timeout stands as the outcome
            }
            return error;
        }

        /** EHLO, with HELO as the fallback for a 5xx (RFC 5321 section 3.2). False when the dialogue must end. */
        private boolean ehlo() throws IOException {
            enter("ehlo", s.commandMillis);
            long t0 = System.nanoTime();
            SmtpReply reply = s.session.command("EHLO " + settings.ehloName(), s.commandDeadline("ehlo"));
            String command = "EHLO";
            if (reply.permanentFailure()) {
                reply = s.session.command("HELO " + settings.ehloName(), s.commandDeadline("ehlo"));
                command = "HELO";
            }
            s.ehloMs = millisSince(t0);
            EhloExtensions extensions = reply.positive() && command.equals("EHLO")
                    ? EhloExtensions.fromReply(reply) : EhloExtensions.none();
            s.ehlo = new HelloReply(reply.code(), extensions.lines(), command, reply.shownText());
            s.extensions = extensions;
            // On an implicit-TLS port the first EHLO already runs inside TLS.
            if (mode == Mode.IMPLICIT_TLS) {
                s.authAfter = extensions.authMechanisms();
            } else {
                s.authBefore = extensions.authMechanisms();
            }
            if (!reply.positive()) {
                s.fail(new ProbeError("ehlo", reply.code() == 421 ? ErrorKind.RATE_LIMITED : ErrorKind.EHLO_FAILED,
                        "the server answered " + reply.code() + " to " + command + ": "
                                + Printable.shorten(reply.shownFirstLine(), 200)), reply.transientFailure());
                if (reply.code() != 421) {
                    quit();
                }
                return false;
            }
            return true;
        }

        /**
         * STARTTLS for a session: a refusal is an observation, not a failure (the session goes on in plaintext);
         * a 5xx after the keyword was advertised, or a keyword masked in EHLO, is what a rewriting middlebox does.
         */
        private void startTls() throws IOException {
            enter("starttls", s.commandMillis);
            boolean offered = s.extensions.has("STARTTLS");
            String masked = s.extensions.maskedStartTls().orElse(null);
            if (!offered && !settings.tryStartTlsUnadvertised()) {
                s.starttls = new StartTlsResult(false, masked != null, false, null, null, null, null, masked);
                return;
            }
            if (!offered) {
                transcript.note("STARTTLS not advertised; trying it once to tell a removed keyword from a server without TLS");
            }
            long t0 = System.nanoTime();
            SmtpReply reply = s.session.command("STARTTLS", s.commandDeadline("starttls"));
            s.starttlsMs = millisSince(t0);
            if (reply.code() != 220) {
                // RFC 3207 section 4: 454 TLS not available (temporary), 501 syntax, 5xx refused.
                boolean stripped = masked != null || (offered && reply.permanentFailure());
                String why = offered ? "STARTTLS was advertised but the server answered " + reply.code() + ": "
                        + Printable.shorten(reply.shownFirstLine(), 200) : null;
                s.starttls = new StartTlsResult(offered, stripped, true, reply.code(), reply.shownText(), false, why, masked);
                if (reply.code() == 421) {
                    s.fail(new ProbeError("starttls", ErrorKind.RATE_LIMITED, "the server answered 421 to STARTTLS"), true);
                }
                return;
            }
            try {
                handshake();
            } catch (IOException e) {
                s.starttls = new StartTlsResult(offered, masked != null, true, reply.code(), reply.shownText(), false,
                        "TLS handshake failed after 220: " + e.getMessage(), masked);
                throw e;
            }
            // Working STARTTLS that was not advertised means something between us and the server hid it.
            s.starttls = new StartTlsResult(offered, masked != null || !offered, true, reply.code(), reply.shownText(), true,
                    null, masked);
            enter("ehlo_after_tls", s.commandMillis);
            SmtpReply again = s.session.command("EHLO " + settings.ehloName(), s.commandDeadline("ehlo_after_tls"));
            EhloExtensions after = again.positive() ? EhloExtensions.fromReply(again) : EhloExtensions.none();
            s.ehloAfterTls = new HelloReply(again.code(), after.lines(), "EHLO", again.shownText());
            s.extensions = after;
            s.authAfter = after.authMechanisms();
        }

        /** STARTTLS before a raw ClientHello of our own: anything but 220 means the goal cannot be reached. */
        private void startTlsForRawHello() throws IOException {
            enter("starttls", s.commandMillis);
            long t0 = System.nanoTime();
            SmtpReply reply = s.session.command("STARTTLS", s.commandDeadline("starttls"));
            s.starttlsMs = millisSince(t0);
            if (reply.code() != 220) {
                // 454 "TLS not available due to temporary reason" (RFC 3207 section 4) is worth a retry.
                s.fail(new ProbeError("starttls", reply.code() == 421 || reply.transientFailure() ? ErrorKind.RATE_LIMITED
                        : ErrorKind.REJECTED, "STARTTLS answered " + reply.code()), reply.transientFailure());
            }
        }

        private void quit() {
            String previous = s.phase;
            enter("quit", QUIT_MILLIS);
            try {
                s.session.command("QUIT", Deadline.of("quit", QUIT_MILLIS, s.totalExpiresAt));
            } catch (IOException | RuntimeException ignored) {
                // politeness only: many servers close without answering
            }
            s.phase = previous;
        }

        ProbeError classify(IOException e) {
            FailureClassifier classifier = new FailureClassifier(settings, mode, endpoint.port());
            boolean fired = s.watchdog.fired();
            if (!s.connected) {
                FailureClassifier.ConnectFailure failure = classifier.connect(e, fired);
                s.reachability = failure.reachability();
                return failure.error();
            }
            return classifier.during(s.phase, e, fired);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
