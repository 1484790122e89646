package io.smtpscope.tls.enumeration;

import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.PhaseTimeoutException;
import io.smtpscope.smtp.Transport;

import java.io.IOException;
import java.net.SocketException;
import java.util.Optional;

/** Sends one ClientHello on an opened transport and reads the server's answer, bounded in bytes and time. */
final class HelloExchange {
    /** One full record plus the rest of a typical flight (certificate chain, key exchange). */
    static final int MAX_BYTES = ServerHelloParser.MAX_RECORD + 5 + 48 * 1024;
    /** One read at most: the reader keeps what it needs, so nothing received is ever copied to grow a buffer. */
    private static final int READ_BYTES = 4096;

    /** The outcome of one hello. */
    sealed interface Outcome {
        /** The server's hello when it took the offer at version {@code v}; empty when it refused or chose another. */
        default Optional<ServerFlight.Hello> accepted(TlsVersion v) {
            return this instanceof Answered a && a.flight() instanceof ServerFlight.Hello h && h.version() == v.code()
                    ? Optional.of(h) : Optional.empty();
        }

        /** An alert, whichever. */
        default Optional<ServerFlight.Alert> alert() {
            return this instanceof Answered a && a.flight() instanceof ServerFlight.Alert alert
                    ? Optional.of(alert) : Optional.empty();
        }

        /**
         * "No suite in this offer": handshake_failure or insufficient_security (RFC 8446 section 6.2, RFC 5246
         * section 7.2.2), or a bare close. protocol_version is not among them: it refuses the version itself.
         */
        default boolean noCommonSuite() {
            return this instanceof Closed || alert().map(a -> a.description() == AlertDescription.HANDSHAKE_FAILURE
                    || a.description() == AlertDescription.INSUFFICIENT_SECURITY).orElse(false);
        }

        /**
         * A close, or an alert that means "could not read your hello" (decode_error, illegal_parameter,
         * record_overflow, internal_error) rather than "no common suite or version".
         */
        default boolean looksLikeSizeTrouble() {
            return this instanceof Closed || alert().map(a -> a.description() == AlertDescription.DECODE_ERROR
                    || a.description() == AlertDescription.ILLEGAL_PARAMETER
                    || a.description() == AlertDescription.RECORD_OVERFLOW
                    || a.description() == AlertDescription.INTERNAL_ERROR).orElse(false);
        }

        /** The server answered in TLS/SSLv2 (hello, alert, error). */
        record Answered(ServerFlight flight) implements Outcome {
        }

        /** The server closed or reset the connection without an alert: it would not handshake with this offer. */
        record Closed() implements Outcome {
        }

        /** Nothing usable: time-out, refusal, malformed answer. Could not test; {@code retry}: worth another try. */
        record Failed(String reason, boolean retry) implements Outcome {
        }
    }

    private HelloExchange() {
    }

    static Outcome exchange(Transport transport, byte[] hello, TlsVersion offered, Deadline deadline) {
        return exchange(transport, hello, new FlightReader(offered), deadline);
    }

    /**
     * Sends {@code hello} and hands every byte of the answer to {@code reader} once, as it arrives: however the
     * server fragments its flight, reading it costs work in proportion to the bytes (at most {@link #MAX_BYTES}).
     */
    static Outcome exchange(Transport transport, byte[] hello, FlightReader reader, Deadline deadline) {
        byte[] buffer = new byte[READ_BYTES];
        int received = 0;
        ServerFlight flight = new ServerFlight.Incomplete();
        try {
            transport.write(hello, deadline);
            while (true) {
                if (!(flight instanceof ServerFlight.Incomplete) && !(flight instanceof ServerFlight.Hello h && !h.complete())) {
                    return new Outcome.Answered(flight);
                }
                if (received == MAX_BYTES) {
                    return partial(flight, "answer exceeds " + MAX_BYTES + " bytes");
                }
                int n;
                try {
                    n = transport.read(buffer, 0, Math.min(buffer.length, MAX_BYTES - received), deadline);
                } catch (PhaseTimeoutException e) {
                    return partial(flight, timedOut(deadline));
                } catch (SocketException e) {
                    return closed(flight, deadline);
                }
                if (n < 0) {
                    return closed(flight, deadline);
                }
                received += n;
                flight = reader.feed(buffer, 0, n);
            }
        } catch (TlsParseException e) {
            return new Outcome.Failed("malformed answer: " + e.getMessage(), false);
        } catch (IOException e) {
            return new Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    /**
     * The connection ended. Past the deadline it was our own watchdog that closed it, not the server refusing the
     * hello: that is a time-out, which says nothing about the offer.
     */
    private static Outcome closed(ServerFlight flight, Deadline deadline) {
        if (deadline.expired()) {
            return partial(flight, timedOut(deadline));
        }
        return flight instanceof ServerFlight.Hello ? partial(flight, "") : new Outcome.Closed();
    }

    private static String timedOut(Deadline deadline) {
        return deadline.cappedByTotal() ? "the endpoint deadline passed before a complete answer"
                : "no complete answer within the TLS timeout";
    }

    /** A hello whose flight was cut short still tells the version and suite. */
    private static Outcome partial(ServerFlight flight, String why) {
        if (flight instanceof ServerFlight.Hello h) {
            return new Outcome.Answered(h);
        }
        return new Outcome.Failed(why.isEmpty() ? "connection closed" : why, false);
    }
}
