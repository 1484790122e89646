package io.smtpscope.tls.enumeration;

import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.Transport;

import java.util.List;

/**
 * One ClientHello of a caller's own on a connection the caller opened (through the dialer), answered as the
 * enumeration reads answers: bounded in bytes and time, fragmented flights reassembled, hostile ones refused.
 * For checks that go on with the same connection after the server's flight (vulnerability checks): the read
 * stops at ServerHelloDone (or the TLS 1.3 ServerHello), so nothing the server sends after that is consumed.
 */
public final class RawHello {
    private RawHello() {
    }

    /** The server's answer to the hello. */
    public sealed interface Answer {
        /** A hello, an alert or an SSLv2 message. */
        record Answered(ServerFlight flight) implements Answer {
        }

        /** The connection closed (or was reset) without an alert. */
        record Closed() implements Answer {
        }

        /** Nothing usable: time-out, malformed answer, I/O error. */
        record Failed(String reason) implements Answer {
        }
    }

    /** Up to 64 suites of version {@code v}, the most common first: a hello every server can read. */
    public static List<Integer> commonSuites(TlsVersion v) {
        List<Integer> codes = HelloOffers.codes(HelloOffers.commonFirst(HelloOffers.suites(v)));
        return codes.subList(0, Math.min(codes.size(), VersionEnumeration.SMALL_HELLO_SUITES));
    }

    /** Every suite of version {@code v} the registry knows: the offer the version enumeration found accepted. */
    public static List<Integer> allSuites(TlsVersion v) {
        return HelloOffers.codes(HelloOffers.suites(v));
    }

    /** The supported_groups the enumeration offers with version {@code v}. */
    public static List<Integer> groups(TlsVersion v) {
        return HelloOffers.allGroups(v);
    }

    public static Answer exchange(Transport transport, byte[] hello, TlsVersion offered, Deadline deadline) {
        return switch (HelloExchange.exchange(transport, hello, offered, deadline)) {
            case HelloExchange.Outcome.Answered a -> new Answer.Answered(a.flight());
            case HelloExchange.Outcome.Closed c -> new Answer.Closed();
            case HelloExchange.Outcome.Failed f -> new Answer.Failed(f.reason());
        };
    }
}
