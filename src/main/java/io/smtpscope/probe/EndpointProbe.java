package io.smtpscope.probe;

import io.smtpscope.net.ServiceSniffer;

import io.smtpscope.net.FailureClassifier;

import io.smtpscope.result.ErrorKind;

import io.smtpscope.net.ProbeSettings;

import io.smtpscope.net.Watchdog;

import io.smtpscope.target.Endpoint;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.result.AuthResult;
import io.smtpscope.result.Banner;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.EhloResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.Timings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.EhloExtensions;
import io.smtpscope.smtp.PhaseTimeoutException;
import io.smtpscope.smtp.PlainTransport;
import io.smtpscope.text.Printable;
import io.smtpscope.smtp.ProtocolViolationException;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.SmtpSession;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Mode;
import io.smtpscope.tls.TlsContexts;
import io.smtpscope.tls.TlsTransport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Probes one endpoint the way a careful SMTP client would: connect, wait for the whole greeting, EHLO
 * (HELO on a 5xx), STARTTLS (or TLS first on implicit-TLS ports), EHLO again, QUIT. Every outcome,
 * including every failure, becomes data in the {@link EndpointResult}; nothing is thrown. It never
 * sends MAIL, RCPT or DATA.
 */
public final class EndpointProbe {
    /** Bytes read after a banner timeout to name a silent service (HTTP answers a stray line with 400). */
    private static final int IDENTIFY_BYTES = 256;
    private static final long IDENTIFY_MILLIS = 2_000;
    private static final long QUIT_MILLIS = 2_000;

    private final ProbeSettings settings;
    private final ChainValidator validator;
    private final Clock clock;

    public EndpointProbe(ProbeSettings settings, ChainValidator validator, Clock clock) {
        this.settings = settings;
        this.validator = validator;
        this.clock = clock;
    }

    public EndpointResult run(Endpoint endpoint) {
        Run run = new Run(endpoint);
        run.execute();
        return run.result();
    }

    /** The mutable state of one probe run; confined to the thread that runs it. */
    private final class Run {
        private final Endpoint endpoint;
        private final Transcript transcript = new Transcript();
        private final long startNanos = System.nanoTime();
        private final long totalExpiresAt;
        private String phase = "connect";
        private Reachability reachability = Reachability.OPEN;
        private SmtpSession session;
        private Banner banner;
        private EhloResult ehlo;
        private EhloResult ehloAfterTls;
        private StartTlsResult starttls;
        private List<String> authBefore = List.of();
        private List<String> authAfter = List.of();
        private TlsResult tls;
        private List<X509Certificate> chain = List.of();
        private ProbeError error;
        private Long connectMs;
        private Long bannerMs;
        private Long ehloMs;
        private Long starttlsMs;
        private Long handshakeMs;
        private boolean connected;

        Run(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.totalExpiresAt = startNanos + settings.totalTimeout().toNanos();
        }

        void execute() {
            Socket socket = new Socket();
            try (Watchdog.Armed watchdog = Watchdog.closeAfter(socket, settings.totalTimeout().toMillis())) {
                try {
                    dialogue(socket);
                } catch (IOException e) {
                    error = classify(e, watchdog.fired());
                } catch (RuntimeException e) {
                    error = new ProbeError(phase, ErrorKind.INTERNAL_ERROR, "internal error: " + e);
                } finally {
                    if (session != null) {
                        session.close();
                    } else {
                        closeQuietly(socket);
                    }
                }
            }
        }

        private void dialogue(Socket socket) throws IOException {
            connect(socket);
            session = new SmtpSession(new PlainTransport(socket), transcript);
            if (endpoint.target().mode() == Mode.IMPLICIT_TLS) {
                handshake();
            }
            if (!greeting()) {
                return;
            }
            EhloExtensions extensions = ehlo();
            if (extensions == null) {
                return;
            }
            if (endpoint.target().mode() == Mode.STARTTLS && !startTls(extensions)) {
                return;
            }
            quit();
        }

        private void connect(Socket socket) throws IOException {
            phase = "connect";
            long t0 = System.nanoTime();
            transcript.note("connecting to " + endpoint.addressText() + " port " + endpoint.port());
            try {
                socket.connect(new InetSocketAddress(endpoint.address(), endpoint.port()),
                        (int) Math.min(settings.connectTimeout().toMillis(), settings.totalTimeout().toMillis()));
            } finally {
                connectMs = millisSince(t0);
            }
            connected = true;
            socket.setTcpNoDelay(true);
            transcript.note("connected");
        }

        private void handshake() throws IOException {
            phase = "handshake";
            long t0 = System.nanoTime();
            // RFC 6066 section 3: SNI carries host names only, never address literals.
            String sni = TlsContexts.sniName(endpoint.nameToCheck());
            transcript.note("starting TLS handshake" + (sni != null ? " (SNI " + sni + ")" : " (no SNI: address literal)"));
            Deadline deadline = Deadline.of("handshake", settings.tlsTimeout().toMillis(), totalExpiresAt);
            TlsTransport tlsTransport;
            try {
                tlsTransport = TlsTransport.handshake(session.transport(),
                        TlsContexts.observingEngine(endpoint.address().getHostAddress(), endpoint.port(), sni),
                        deadline);
            } finally {
                handshakeMs = millisSince(t0);
            }
            session.switchTransport(tlsTransport);
            tls = tlsTransport.negotiated(sni);
            chain = tlsTransport.peerChain();
            transcript.note("TLS established: " + tls.protocol() + ", " + tls.cipherSuite() + ", " + chain.size()
                    + " certificate(s)");
        }

        /** Returns false when the greeting ends the dialogue (refusal, timeout, not SMTP). */
        private boolean greeting() throws IOException {
            phase = "banner";
            long t0 = System.nanoTime();
            Deadline deadline = Deadline.of("banner", settings.bannerTimeout().toMillis(), totalExpiresAt);
            SmtpReply reply;
            try {
                reply = session.greeting(deadline);
            } catch (PhaseTimeoutException e) {
                bannerMs = millisSince(t0);
                identifySilentService(e);
                return false;
            } catch (ProtocolViolationException e) {
                bannerMs = millisSince(t0);
                String service = ServiceSniffer.identify(e.rawStart());
                banner = new Banner(null, Printable.decode(e.rawStart()), service);
                if (!service.equals("unknown") && !service.equals("smtp")) {
                    error = new ProbeError("banner", ErrorKind.NOT_SMTP,
                            "the port answered like " + ServiceSniffer.describe(service) + ", not an SMTP server");
                } else {
                    error = new ProbeError("banner", e.kind() == ErrorKind.MALFORMED_REPLY ? ErrorKind.NOT_SMTP : e.kind(),
                            "invalid greeting: " + e.getMessage());
                }
                return false;
            }
            bannerMs = millisSince(t0);
            banner = new Banner(reply.code(), reply.text(), "smtp");
            if (reply.code() == 421 || reply.transientFailure()) {
                error = new ProbeError("banner", ErrorKind.RATE_LIMITED, "the server answered " + reply.code()
                        + " (service not available now: rate limit, overload or maintenance): " + Printable.shorten(reply.firstLine(), 200));
                return false;
            }
            if (reply.permanentFailure()) {
                error = new ProbeError("banner", ErrorKind.REJECTED, "the server refused service with "
                        + reply.code() + ": " + Printable.shorten(reply.firstLine(), 200));
                quit(); // RFC 5321 section 3.1: after a 554 greeting the server waits for QUIT
                return false;
            }
            return true;
        }

        /** After a banner timeout: a stray line makes HTTP, TLS and other services reveal themselves. */
        private void identifySilentService(PhaseTimeoutException timeout) {
            String message = timeout.total() ? "no greeting before the endpoint deadline"
                    : "no SMTP greeting within " + settings.bannerTimeout().toSeconds() + " s";
            error = new ProbeError("banner", timeout.total() ? ErrorKind.DEADLINE_EXCEEDED : ErrorKind.BANNER_TIMEOUT, message);
            if (!settings.identifySilentService() || timeout.total()) {
                return;
            }
            try {
                Deadline deadline = Deadline.of("banner", IDENTIFY_MILLIS, totalExpiresAt);
                transcript.note("no greeting; sending one line to identify the service");
                transcript.client("EHLO " + settings.ehloName());
                byte[] answer = session.probeRaw(("EHLO " + settings.ehloName() + "\r\n").getBytes(StandardCharsets.US_ASCII),
                        IDENTIFY_BYTES, deadline);
                if (answer.length > 0) {
                    transcript.server(Printable.shorten(Printable.decode(answer), 200));
                }
                String service = ServiceSniffer.identify(answer);
                if (!service.equals("unknown") && !service.equals("smtp")) {
                    banner = new Banner(null, null, service);
                    error = new ProbeError("banner", ErrorKind.NOT_SMTP, message + "; the port answered like "
                            + ServiceSniffer.describe(service) + ", not an SMTP server");
                }
            } catch (IOException | RuntimeException ignored) {
                // silence or a closed connection: the banner timeout stands as the outcome
            }
        }

        /** EHLO, with HELO as the fallback for a 5xx (RFC 5321 section 3.2). Null when the dialogue must end. */
        private EhloExtensions ehlo() throws IOException {
            phase = "ehlo";
            long t0 = System.nanoTime();
            SmtpReply reply = session.command("EHLO " + settings.ehloName(), commandDeadline("ehlo"));
            String command = "EHLO";
            if (reply.permanentFailure()) {
                reply = session.command("HELO " + settings.ehloName(), commandDeadline("ehlo"));
                command = "HELO";
            }
            ehloMs = millisSince(t0);
            EhloExtensions extensions = reply.positive() && command.equals("EHLO")
                    ? EhloExtensions.fromReply(reply) : EhloExtensions.none();
            ehlo = new EhloResult(reply.code(), extensions.lines(), command, reply.text());
            // On an implicit-TLS port the first EHLO already runs inside TLS.
            if (endpoint.target().mode() == Mode.IMPLICIT_TLS) {
                authAfter = extensions.authMechanisms();
            } else {
                authBefore = extensions.authMechanisms();
            }
            if (!reply.positive()) {
                error = new ProbeError("ehlo", reply.code() == 421 ? ErrorKind.RATE_LIMITED : ErrorKind.EHLO_FAILED,
                        "the server answered " + reply.code() + " to " + command + ": " + Printable.shorten(reply.firstLine(), 200));
                if (reply.code() != 421) {
                    quit();
                }
                return null;
            }
            return extensions;
        }

        /** Returns false when the dialogue cannot go on (the TLS handshake failed mid-way). */
        private boolean startTls(EhloExtensions extensions) throws IOException {
            phase = "starttls";
            boolean offered = extensions.has("STARTTLS");
            String masked = extensions.maskedStartTls().orElse(null);
            if (!offered && !settings.tryStartTlsUnadvertised()) {
                starttls = new StartTlsResult(false, masked != null, false, null, null, null, null, masked);
                return true;
            }
            if (!offered) {
                transcript.note("STARTTLS not advertised; trying it once to tell a removed keyword from a server without TLS");
            }
            long t0 = System.nanoTime();
            SmtpReply reply = session.command("STARTTLS", commandDeadline("starttls"));
            starttlsMs = millisSince(t0);
            if (reply.code() != 220) {
                // RFC 3207: 454 TLS not available (temporary), 501 syntax, 5xx refused. A 5xx after the keyword
                // was advertised is what a rewriting middlebox produces.
                boolean stripped = masked != null || (offered && reply.permanentFailure());
                String why = offered ? "STARTTLS was advertised but the server answered " + reply.code() + ": "
                        + Printable.shorten(reply.firstLine(), 200) : null;
                starttls = new StartTlsResult(offered, stripped, true, reply.code(), reply.text(), false, why, masked);
                if (reply.code() == 421) {
                    error = new ProbeError("starttls", ErrorKind.RATE_LIMITED, "the server answered 421 to STARTTLS");
                    return false;
                }
                return true;
            }
            try {
                handshake();
            } catch (IOException e) {
                String message = e.getMessage();
                starttls = new StartTlsResult(offered, masked != null, true, reply.code(), reply.text(), false,
                        "TLS handshake failed after 220: " + message, masked);
                throw e;
            }
            // Working STARTTLS that was not advertised means something between us and the server hid it.
            starttls = new StartTlsResult(offered, masked != null || !offered, true, reply.code(), reply.text(), true,
                    null, masked);
            phase = "ehlo_after_tls";
            SmtpReply again = session.command("EHLO " + settings.ehloName(), commandDeadline("ehlo_after_tls"));
            EhloExtensions after = again.positive() ? EhloExtensions.fromReply(again) : EhloExtensions.none();
            ehloAfterTls = new EhloResult(again.code(), after.lines(), "EHLO", again.text());
            authAfter = after.authMechanisms();
            return true;
        }

        private void quit() {
            String previous = phase;
            phase = "quit";
            try {
                session.command("QUIT", Deadline.of("quit", QUIT_MILLIS, totalExpiresAt));
            } catch (IOException | RuntimeException ignored) {
                // politeness only: many servers close without answering
            }
            phase = previous;
        }

        private Deadline commandDeadline(String name) {
            return Deadline.of(name, settings.commandTimeout().toMillis(), totalExpiresAt);
        }

        private ProbeError classify(IOException e, boolean watchdogFired) {
            FailureClassifier classifier = new FailureClassifier(settings, endpoint.target().mode(), endpoint.port());
            if (!connected) {
                FailureClassifier.ConnectFailure failure = classifier.connect(e, watchdogFired);
                reachability = failure.reachability();
                return failure.error();
            }
            return classifier.during(phase, e, watchdogFired);
        }

        EndpointResult result() {
            long totalMs = millisSince(startNanos);
            transcript.note("done in " + totalMs + " ms" + (error != null ? " (" + error.kind() + " during " + error.phase() + ")" : ""));
            CertificateResult certificate = chain.isEmpty() ? null
                    : validator.inspect(chain, endpoint.nameToCheck() != null ? endpoint.nameToCheck() : endpoint.host(), clock.instant());
            SmtpResult smtp = connected ? new SmtpResult(banner, ehlo, ehloAfterTls, starttls,
                    new AuthResult(authBefore, authAfter), session == null ? List.of() : session.replies()) : null;
            return EndpointResult.observed(endpoint.target().given(), endpoint.host(), endpoint.addressText(),
                    endpoint.port(), endpoint.target().mode(), reachability, smtp, tls, certificate,
                    new Timings(connectMs, bannerMs, ehloMs, starttlsMs, handshakeMs, totalMs), error,
                    transcript.lines());
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to report
        }
    }
}
