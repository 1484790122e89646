package io.smtpscope.net;

import io.smtpscope.result.Banner;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.EhloExtensions;
import io.smtpscope.smtp.SmtpSession;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;

/** The mutable record of one dial, filled step by step by {@link SmtpDialer}; read through {@link Dialed}. */
final class DialSteps {
    final long totalExpiresAt;
    final long commandMillis;
    final Socket socket = new Socket();
    Watchdog.Armed watchdog;
    String phase = "connect";
    boolean connected;
    boolean closed;
    Reachability reachability = Reachability.OPEN;
    SmtpSession session;
    Banner banner;
    HelloReply ehlo;
    HelloReply ehloAfterTls;
    StartTlsResult starttls;
    EhloExtensions extensions = EhloExtensions.none();
    List<String> authBefore = List.of();
    List<String> authAfter = List.of();
    TlsResult tls;
    List<X509Certificate> chain = List.of();
    ProbeError error;
    boolean retryWorthy = true;
    Long connectMs;
    Long bannerMs;
    Long ehloMs;
    Long starttlsMs;
    Long handshakeMs;
    /** The dial's own TLS handshake over the open connection, for a STARTTLS its caller sends. */
    Upgrade upgrade;

    /** Runs the dialer's TLS handshake (SNI, policy, deadline, transcript) and switches the session to TLS. */
    @FunctionalInterface
    interface Upgrade {
        void handshake() throws IOException;
    }

    DialSteps(long totalExpiresAt, long commandMillis) {
        this.totalExpiresAt = totalExpiresAt;
        this.commandMillis = commandMillis;
    }

    Deadline commandDeadline(String name) {
        return Deadline.of(name, commandMillis, totalExpiresAt);
    }

    /** Ends the dial where it stands: the error, and whether trying again might help. */
    void fail(ProbeError failure, boolean worthRetrying) {
        error = failure;
        retryWorthy = worthRetrying;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watchdog != null) {
            watchdog.close();
        }
        if (session != null) {
            session.close();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to report
        }
    }
}
