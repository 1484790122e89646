package io.smtpscope.net;

import io.smtpscope.result.ErrorKind;

import io.smtpscope.net.ProbeSettings;

import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.smtp.ConnectionClosedException;
import io.smtpscope.smtp.PhaseTimeoutException;
import io.smtpscope.text.Printable;
import io.smtpscope.smtp.ProtocolViolationException;
import io.smtpscope.target.Mode;
import io.smtpscope.tls.TlsTransport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Names what stopped a probe: turns the exception a phase ended with into the report's closed set of
 * {@code error.kind} values (see {@link ErrorKind}) with a message that says what was seen.
 */
final class FailureClassifier {
    private final ProbeSettings settings;
    private final Mode mode;
    private final int port;

    /** A failed connect, and what it says about reachability. */
    record ConnectFailure(Reachability reachability, ProbeError error) {
    }

    FailureClassifier(ProbeSettings settings, Mode mode, int port) {
        this.settings = settings;
        this.mode = mode;
        this.port = port;
    }

    /** The error of a probe that stopped in {@code phase} after the TCP connection was up. */
    ProbeError during(String phase, IOException e, boolean watchdogFired) {
        if (watchdogFired || (e instanceof PhaseTimeoutException t && t.total())) {
            return new ProbeError(phase, ErrorKind.DEADLINE_EXCEEDED, "endpoint deadline of "
                    + settings.totalTimeout().toSeconds() + " s reached during " + phase);
        }
        if (e instanceof TlsTransport.HandshakeFailure failure) {
            return handshakeError(failure);
        }
        if (e instanceof PhaseTimeoutException) {
            return new ProbeError(phase, ErrorKind.IO_TIMEOUT, "no complete reply within the " + phase + " timeout");
        }
        if (e instanceof ProtocolViolationException violation) {
            return new ProbeError(phase, violation.kind(), violation.getMessage());
        }
        if (e instanceof ConnectionClosedException) {
            return new ProbeError(phase, ErrorKind.CONNECTION_CLOSED, e.getMessage() + " during " + phase);
        }
        if (isConnectionReset(e)) {
            return new ProbeError(phase, ErrorKind.CONNECTION_RESET, "connection reset by the server during " + phase);
        }
        return new ProbeError(phase, ErrorKind.IO_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private ProbeError handshakeError(TlsTransport.HandshakeFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof PhaseTimeoutException timeout) {
            // Say which bound ended it: the TLS timeout, or the endpoint's total deadline (a slow server overall).
            return timeout.total()
                    ? new ProbeError("handshake", ErrorKind.DEADLINE_EXCEEDED, "endpoint deadline of "
                            + settings.totalTimeout().toSeconds() + " s reached during the TLS handshake")
                    : new ProbeError("handshake", ErrorKind.HANDSHAKE_TIMEOUT, "no TLS handshake completed within "
                            + settings.tlsTimeout().toSeconds() + " s");
        }
        String service = ServiceSniffer.identify(failure.firstBytes());
        if (!service.equals("tls") && !service.equals("unknown")) {
            // Quote the first line only: its CRLF would otherwise show up escaped as a trailing \x0d\x0a.
            String sent = Printable.shorten(Printable.decode(firstLine(failure.firstBytes())), 80).strip();
            String where = mode == Mode.IMPLICIT_TLS
                    ? "TLS was expected first on this port (implicit TLS)"
                    : "after 220 to STARTTLS a TLS handshake was expected";
            return new ProbeError("handshake", ErrorKind.NOT_TLS, where + ", but the server sent plain text like "
                    + ServiceSniffer.describe(service) + ": '" + sent + "'");
        }
        if (cause instanceof ConnectionClosedException) {
            return new ProbeError("handshake", ErrorKind.CONNECTION_CLOSED, "the server closed the connection during the TLS handshake");
        }
        if (isConnectionReset(cause)) {
            return new ProbeError("handshake", ErrorKind.CONNECTION_RESET, "connection reset during the TLS handshake");
        }
        return new ProbeError("handshake", ErrorKind.HANDSHAKE_ERROR, "TLS handshake failed: " + failure.getMessage());
    }

    /** What a failed TCP connect says about the port: refused, filtered, unreachable. */
    ConnectFailure connect(IOException e, boolean watchdogFired) {
        String text = String.valueOf(e.getMessage());
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (e instanceof SocketTimeoutException || watchdogFired || lower.contains("timed out")) {
            return new ConnectFailure(Reachability.TIMEOUT, new ProbeError("connect", ErrorKind.CONNECTION_TIMEOUT,
                    "no answer to the TCP connection within " + settings.connectTimeout().toSeconds()
                            + " s: the port is filtered or the host is down"));
        }
        if (isConnectionReset(e)) {
            // Only an established connection is reset (a refused connect is ECONNREFUSED): the server accepted and
            // reset before our connect call returned, the same server as one resetting a moment later, so the same
            // result: open, reset in the step after the connect.
            return new ConnectFailure(Reachability.OPEN, during(mode == Mode.IMPLICIT_TLS ? "handshake" : "banner", e, false));
        }
        if (e instanceof NoRouteToHostException || lower.contains("unreachable") || lower.contains("no route")) {
            return new ConnectFailure(Reachability.UNREACHABLE,
                    new ProbeError("connect", ErrorKind.UNREACHABLE, "no route to the host: " + text));
        }
        if (e instanceof ConnectException || lower.contains("refused")) {
            return new ConnectFailure(Reachability.REFUSED, new ProbeError("connect", ErrorKind.CONNECTION_REFUSED,
                    "connection refused: nothing listens on port " + port + ", or a firewall answered with a reset"));
        }
        return new ConnectFailure(Reachability.UNREACHABLE,
                new ProbeError("connect", ErrorKind.UNREACHABLE, e.getClass().getSimpleName() + ": " + text));
    }

    public static boolean isConnectionReset(Throwable e) {
        if (!(e instanceof SocketException)) {
            return false;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("reset") || message.contains("broken pipe");
    }

    /** The bytes before the first CR or LF (all of them when there is none). */
    static byte[] firstLine(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                return java.util.Arrays.copyOf(bytes, i);
            }
        }
        return bytes;
    }
}
