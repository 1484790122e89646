package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ProbeSettings;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.PlainTransport;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.SmtpSession;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Mode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Opens one TCP connection and brings it to the point where the server expects a ClientHello: at once on an
 * implicit-TLS port (RFC 8314), or after greeting, EHLO and STARTTLS answered 220 (RFC 3207 section 4).
 * The SMTP part reuses {@link SmtpSession}, so replies are parsed with the same bounds as the probe.
 */
public final class StartTlsOpener {
    private final ProbeSettings settings;

    public StartTlsOpener(ProbeSettings settings) {
        this.settings = settings;
    }

    /** The server refused service in SMTP (421, 4xx/5xx to EHLO or STARTTLS). {@code transientFailure}: worth a retry. */
    public static final class RefusedException extends IOException {
        private final boolean transientFailure;

        RefusedException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }

    /** Returns the raw transport; the caller owns and closes it. */
    public PlainTransport open(InetAddress address, int port, Mode mode, long totalExpiresAtNanos) throws IOException {
        Socket socket = new Socket();
        boolean ok = false;
        try {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, settings.connectTimeout().toMillis()));
            socket.setTcpNoDelay(true);
            PlainTransport transport = new PlainTransport(socket);
            if (mode == Mode.STARTTLS) {
                startTls(transport, totalExpiresAtNanos);
            }
            ok = true;
            return transport;
        } finally {
            if (!ok) {
                socket.close();
            }
        }
    }

    private void startTls(PlainTransport transport, long totalExpiresAtNanos) throws IOException {
        SmtpSession session = new SmtpSession(transport, new Transcript());
        SmtpReply greeting = session.greeting(Deadline.of("banner", settings.bannerTimeout().toMillis(), totalExpiresAtNanos));
        if (!greeting.positive()) {
            throw new RefusedException("greeting " + greeting.code(), greeting.code() == 421 || greeting.transientFailure());
        }
        SmtpReply ehlo = session.command("EHLO " + settings.ehloName(), command(totalExpiresAtNanos));
        if (!ehlo.positive()) {
            throw new RefusedException("EHLO answered " + ehlo.code(), ehlo.code() == 421 || ehlo.transientFailure());
        }
        SmtpReply starttls = session.command("STARTTLS", command(totalExpiresAtNanos));
        if (starttls.code() != 220) {
            // 454 "TLS not available due to temporary reason" (RFC 3207 section 4) is worth a retry too.
            throw new RefusedException("STARTTLS answered " + starttls.code(), starttls.transientFailure());
        }
    }

    private Deadline command(long totalExpiresAtNanos) {
        return Deadline.of("starttls", settings.commandTimeout().toMillis(), totalExpiresAtNanos);
    }
}
