package io.smtpscope.session;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.target.Endpoint;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.Watchdog;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.ConnectionClosedException;
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
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Opens an SMTP session to one endpoint the way a mail client does before AUTH or MAIL: connect, whole
 * greeting, EHLO, then STARTTLS (RFC 3207) and EHLO again, or TLS first on implicit-TLS ports (RFC 8314).
 * The certificate is captured and judged with the scan's {@link ChainValidator}. Unlike the scan probe
 * it stops at the first failure (a {@link SessionFailure}) and leaves the session open for the caller.
 */
public final class SessionOpener {
    private final ProbeSettings settings;
    private final ChainValidator validator;
    private final Clock clock;

    public SessionOpener(ProbeSettings settings, ChainValidator validator, Clock clock) {
        this.settings = settings;
        this.validator = validator;
        this.clock = clock;
    }

    /** Opens the session; on failure the socket is closed and the transcript so far stays in {@code transcript}. */
    public SmtpConnection open(Endpoint endpoint, Transcript transcript) throws SessionFailure {
        long totalExpiresAt = System.nanoTime() + settings.totalTimeout().toNanos();
        Socket socket = new Socket();
        Watchdog.Armed watchdog = Watchdog.closeAfter(socket, settings.totalTimeout().toMillis());
        SmtpSession session = null;
        String[] phase = {"connect"};
        try {
            transcript.note("connecting to " + endpoint.addressText() + " port " + endpoint.port());
            try {
                socket.connect(new InetSocketAddress(endpoint.address(), endpoint.port()),
                        (int) Math.min(settings.connectTimeout().toMillis(), settings.totalTimeout().toMillis()));
            } catch (IOException e) {
                throw connectFailure(endpoint, e);
            }
            socket.setTcpNoDelay(true);
            transcript.note("connected");
            session = new SmtpSession(new PlainTransport(socket), transcript);
            Steps steps = new Steps(endpoint, session, transcript, totalExpiresAt, phase);
            SmtpConnection connection = steps.run(watchdog);
            return connection;
        } catch (SessionFailure f) {
            closeAll(session, socket, watchdog);
            throw f;
        } catch (IOException e) {
            closeAll(session, socket, watchdog);
            throw describe(phase[0], e, watchdog.fired());
        } catch (RuntimeException e) {
            closeAll(session, socket, watchdog);
            throw new SessionFailure(phase[0], "internal error during " + phase[0] + ": " + e);
        }
    }

    /** The dialogue itself; {@code phase[0]} tracks where we are for error messages. */
    private final class Steps {
        private final Endpoint endpoint;
        private final SmtpSession session;
        private final Transcript transcript;
        private final long totalExpiresAt;
        private final String[] phase;
        private TlsResult tls;
        private CertificateResult certificate;

        Steps(Endpoint endpoint, SmtpSession session, Transcript transcript, long totalExpiresAt, String[] phase) {
            this.endpoint = endpoint;
            this.session = session;
            this.transcript = transcript;
            this.totalExpiresAt = totalExpiresAt;
            this.phase = phase;
        }

        SmtpConnection run(Watchdog.Armed watchdog) throws IOException, SessionFailure {
            Mode mode = endpoint.target().mode();
            if (mode == Mode.IMPLICIT_TLS) {
                handshake();
            }
            phase[0] = "banner";
            SmtpReply greeting = session.greeting(Deadline.of("banner", settings.bannerTimeout().toMillis(), totalExpiresAt));
            if (!greeting.positive()) {
                quietQuit();
                throw new SessionFailure("banner", "the server refused service with " + greeting.code() + ": "
                        + Printable.shorten(greeting.firstLine(), 200));
            }
            EhloExtensions extensions = ehlo("ehlo");
            if (mode == Mode.STARTTLS) {
                extensions = startTls(extensions);
            }
            return new SmtpConnection(endpoint, session, extensions, tls, certificate, settings.commandTimeout(),
                    totalExpiresAt, watchdog);
        }

        private EhloExtensions ehlo(String name) throws IOException, SessionFailure {
            phase[0] = name;
            SmtpReply reply = session.command("EHLO " + settings.ehloName(), deadline(name));
            if (!reply.positive()) {
                quietQuit();
                throw new SessionFailure(name, "the server answered " + reply.code() + " to EHLO: "
                        + Printable.shorten(reply.firstLine(), 200));
            }
            return EhloExtensions.fromReply(reply);
        }

        /** Without STARTTLS on offer, or refused, the session goes on in plain text: the caller decides. */
        private EhloExtensions startTls(EhloExtensions extensions) throws IOException, SessionFailure {
            if (!extensions.has("STARTTLS")) {
                transcript.note("the server does not offer STARTTLS: the session stays unencrypted");
                return extensions;
            }
            phase[0] = "starttls";
            SmtpReply reply = session.command("STARTTLS", deadline("starttls"));
            if (reply.code() != 220) {
                transcript.note("STARTTLS refused (" + reply.code() + "): the session stays unencrypted");
                return extensions;
            }
            handshake();
            return ehlo("ehlo_after_tls");
        }

        private void handshake() throws IOException {
            phase[0] = "handshake";
            // RFC 6066 section 3: SNI carries host names only, never address literals.
            String sni = TlsContexts.sniName(endpoint.nameToCheck());
            transcript.note("starting TLS handshake" + (sni != null ? " (SNI " + sni + ")" : " (no SNI: address literal)"));
            TlsTransport transport = TlsTransport.handshake(session.transport(),
                    TlsContexts.observingEngine(endpoint.address().getHostAddress(), endpoint.port(), sni),
                    Deadline.of("handshake", settings.tlsTimeout().toMillis(), totalExpiresAt));
            session.switchTransport(transport);
            List<X509Certificate> chain = transport.peerChain();
            tls = transport.negotiated(sni);
            certificate = validator.inspect(chain, endpoint.nameToCheck() != null ? endpoint.nameToCheck() : endpoint.host(),
                    clock.instant());
            transcript.note("TLS established: " + tls.protocol() + ", " + tls.cipherSuite() + ", certificate "
                    + (certificate.trusted() ? "trusted" : "NOT trusted") + ", name "
                    + (certificate.nameMatches() ? "matches" : "does NOT match") + " " + certificate.nameChecked());
        }

        private Deadline deadline(String name) {
            return Deadline.of(name, settings.commandTimeout().toMillis(), totalExpiresAt);
        }

        private void quietQuit() {
            try {
                session.command("QUIT", Deadline.of("quit", 2_000, totalExpiresAt));
            } catch (IOException | RuntimeException ignored) {
                // the failure is already decided; QUIT is courtesy
            }
        }
    }

    private SessionFailure connectFailure(Endpoint endpoint, IOException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase();
        if (e instanceof SocketTimeoutException || text.contains("timed out")) {
            return new SessionFailure("connect", "no answer to the TCP connection to port " + endpoint.port()
                    + " within " + settings.connectTimeout().toSeconds() + " s: the port is filtered (firewall, provider blocking) or the host is down");
        }
        if (e instanceof ConnectException || text.contains("refused")) {
            return new SessionFailure("connect", "connection refused: nothing listens on port " + endpoint.port()
                    + ", or a firewall answered with a reset");
        }
        return new SessionFailure("connect", "cannot connect: " + e.getMessage());
    }

    private SessionFailure describe(String phase, IOException e, boolean watchdogFired) {
        if (watchdogFired || (e instanceof PhaseTimeoutException t && t.total())) {
            return new SessionFailure(phase, "the total deadline of " + settings.totalTimeout().toSeconds()
                    + " s passed during " + phase);
        }
        if (e instanceof PhaseTimeoutException) {
            return new SessionFailure(phase, "no complete reply within the " + phase + " timeout");
        }
        if (e instanceof TlsTransport.HandshakeFailure) {
            return new SessionFailure("handshake", "TLS handshake failed: " + e.getMessage());
        }
        if (e instanceof ProtocolViolationException || e instanceof ConnectionClosedException) {
            return new SessionFailure(phase, e.getMessage() + " (during " + phase + ")");
        }
        return new SessionFailure(phase, e.getClass().getSimpleName() + " during " + phase + ": " + e.getMessage());
    }

    private static void closeAll(SmtpSession session, Socket socket, Watchdog.Armed watchdog) {
        watchdog.close();
        if (session != null) {
            session.close();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
