package io.smtpscope.session;

import io.smtpscope.net.Dialed;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.EhloExtensions;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.SmtpSession;
import io.smtpscope.target.Endpoint;

import java.io.Closeable;
import java.io.IOException;

/**
 * An open SMTP session ready for AUTH or a mail transaction: greeted, EHLO done, TLS up when the mode
 * and the server allow it, and the certificate already judged. {@code extensions} are those of the last
 * EHLO (after TLS when TLS is up), the only ones a client may rely on (RFC 3207 section 4.2).
 */
public final class SmtpConnection implements Closeable {
    private final Endpoint endpoint;
    private final Dialed dialed;
    private final CertificateResult certificate;

    SmtpConnection(Endpoint endpoint, Dialed dialed, CertificateResult certificate) {
        this.endpoint = endpoint;
        this.dialed = dialed;
        this.certificate = certificate;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public SmtpSession session() {
        return dialed.session();
    }

    public EhloExtensions extensions() {
        return dialed.extensions();
    }

    /** Null when the session runs without TLS. */
    public TlsResult tls() {
        return dialed.tls();
    }

    public boolean encrypted() {
        return dialed.tls() != null;
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
        return dialed.commandDeadline(phase);
    }

    /** A deadline for a long step (sending a large message): the rest of the total time. */
    public Deadline remaining(String phase) {
        return dialed.remaining(phase);
    }

    public SmtpReply command(String command, String phase) throws IOException {
        return dialed.command(command, phase);
    }

    /** Polite end: QUIT, its reply if any. Never throws. */
    public void quit() {
        dialed.quit();
    }

    public boolean deadlinePassed() {
        return dialed.deadlinePassed();
    }

    @Override
    public void close() {
        dialed.close();
    }
}
