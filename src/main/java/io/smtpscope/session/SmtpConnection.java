package io.smtpscope.session;

import io.smtpscope.target.Endpoint;
import io.smtpscope.net.Watchdog;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.EhloExtensions;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.SmtpSession;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * An open SMTP session ready for AUTH or a mail transaction: greeted, EHLO done, TLS up when the mode
 * and the server allow it, and the certificate already judged. {@code extensions} are those of the last
 * EHLO (after TLS when TLS is up), the only ones a client may rely on (RFC 3207 section 4.2).
 */
public final class SmtpConnection implements Closeable {
    private static final long QUIT_MILLIS = 2_000;

    private final Endpoint endpoint;
    private final SmtpSession session;
    private final EhloExtensions extensions;
    private final TlsResult tls;
    private final CertificateResult certificate;
    private final Duration commandTimeout;
    private final long totalExpiresAt;
    private final Watchdog.Armed watchdog;

    SmtpConnection(Endpoint endpoint, SmtpSession session, EhloExtensions extensions, TlsResult tls,
                   CertificateResult certificate, Duration commandTimeout, long totalExpiresAt, Watchdog.Armed watchdog) {
        this.endpoint = endpoint;
        this.session = session;
        this.extensions = extensions;
        this.tls = tls;
        this.certificate = certificate;
        this.commandTimeout = commandTimeout;
        this.totalExpiresAt = totalExpiresAt;
        this.watchdog = watchdog;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public SmtpSession session() {
        return session;
    }

    public EhloExtensions extensions() {
        return extensions;
    }

    /** Null when the session runs without TLS. */
    public TlsResult tls() {
        return tls;
    }

    public boolean encrypted() {
        return tls != null;
    }

    /** Null when the session runs without TLS. */
    public CertificateResult certificate() {
        return certificate;
    }

    /** True when the chain leads to a trusted root, the name matches and the dates hold: what a strict client checks. */
    public boolean certificateAcceptable() {
        return certificate != null && certificate.trusted() && certificate.nameMatches() && !certificate.expired()
                && !certificate.notYetValid();
    }

    public Deadline deadline(String phase) {
        return Deadline.of(phase, commandTimeout.toMillis(), totalExpiresAt);
    }

    /** A deadline for a long step (sending a large message): the rest of the total time. */
    public Deadline remaining(String phase) {
        return new Deadline(phase, totalExpiresAt, true);
    }

    public SmtpReply command(String command, String phase) throws IOException {
        return session.command(command, deadline(phase));
    }

    /** Polite end: QUIT, its reply if any, then close. Never throws. */
    public void quit() {
        try {
            session.command("QUIT", Deadline.of("quit", QUIT_MILLIS, totalExpiresAt));
        } catch (IOException | RuntimeException ignored) {
            // many servers close without answering QUIT
        }
    }

    public boolean deadlinePassed() {
        return watchdog.fired();
    }

    @Override
    public void close() {
        watchdog.close();
        session.close();
    }
}
