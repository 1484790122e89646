package io.smtpscope.tls.enumeration;

import io.smtpscope.net.DialGoal;
import io.smtpscope.net.Dialed;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.SmtpDialer;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.smtp.Transport;
import io.smtpscope.target.Endpoint;

import java.io.IOException;

/**
 * Brings one new connection to the point where the server expects a ClientHello, through the scan's
 * {@link SmtpDialer} (same bounds, deadline and watchdog as the probe): at once on an implicit-TLS port
 * (RFC 8314), after greeting, EHLO and a 220 to STARTTLS otherwise (RFC 3207 section 4).
 */
public final class StartTlsOpener {
    private final SmtpDialer dialer;

    public StartTlsOpener(ProbeSettings settings) {
        this.dialer = new SmtpDialer(settings);
    }

    /** The connection could not be brought that far. {@code transientFailure}: worth a retry. */
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

    /**
     * The raw transport, ready for a ClientHello; closing it ends the connection (and its watchdog, which closes
     * it at {@code deadline} whatever it is blocked in).
     */
    public Transport open(Endpoint endpoint, EndpointDeadline deadline) throws RefusedException {
        Dialed dialed = dialer.dial(endpoint, DialGoal.TLS_READY, new Transcript(), deadline);
        if (dialed.error() != null) {
            throw new RefusedException(dialed.error().kind() + " during " + dialed.error().phase() + ": "
                    + dialed.error().message(), dialed.retryWorthy());
        }
        return new DialedTransport(dialed);
    }

    /** The dialed connection's transport, closed together with the rest of the dial. */
    private record DialedTransport(Dialed dialed) implements Transport {
        @Override
        public int read(byte[] buffer, int offset, int len, Deadline deadline) throws IOException {
            return dialed.transport().read(buffer, offset, len, deadline);
        }

        @Override
        public void write(byte[] data, Deadline deadline) throws IOException {
            dialed.transport().write(data, deadline);
        }

        @Override
        public void close() {
            dialed.close();
        }
    }
}
