package io.smtpscope.tls.enumeration;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incremental reader gives, after every read, what parsing everything received so far at once gives. */
class FlightReaderTest {
    /** A flight as a comparable text: records compare certificates by identity, this by content. */
    static String describe(ServerFlight f) {
        if (f instanceof ServerFlight.Hello h) {
            return "Hello " + h.version() + " " + h.cipherSuite() + " " + h.helloRetry() + " " + h.group() + " "
                    + h.extensions() + " " + h.alpn() + " " + h.certificates().stream().map(Arrays::toString).toList()
                    + " " + h.ecdheCurve() + " " + h.dhBits() + " " + h.complete();
        }
        return String.valueOf(f);
    }

    private static String atOnce(byte[] data, int length, TlsVersion v) {
        try {
            return describe(ServerHelloParser.parse(data, length, v));
        } catch (TlsParseException e) {
            return "malformed: " + e.getMessage();
        }
    }

    private record Chunked(byte[] data, List<Integer> reads, TlsVersion version) {
    }

    private static Chunked chunked(RandomInputs r) {
        byte[] flight = Fixtures.hex("postfix-modern-tls12-flight");
        byte[] data = r.oneOf(() -> ServerHelloParserTest.serverBytes(r), () -> r.overwrite(flight, 1, 8), () -> flight,
                () -> Fixtures.hex("postfix-legacy-tls12-dhe-flight"), () -> DrippedFlights.oneByteRecords(r.between(6, 900)));
        // Read sizes grow with the input: every prefix is parsed again to compare, so a few KiB in 1-byte reads
        // would make this test itself quadratic. Small inputs still arrive down to a byte at a time.
        return new Chunked(data, r.ints(1, 8, 1, Math.max(70, data.length / 30)), r.pick(TlsVersion.values()));
    }

    @Test
    void fragmentationNeverChangesTheResult() {
        RandomInputs.forAll(1000, FlightReaderTest::chunked, c -> {
            FlightReader reader = new FlightReader(c.version());
            int at = 0;
            for (int i = 0; at < c.data().length; i++) {
                int n = Math.min(c.data().length - at, c.reads().get(i % c.reads().size()));
                String got;
                try {
                    got = describe(reader.feed(c.data(), at, n));
                } catch (TlsParseException e) {
                    got = "malformed: " + e.getMessage();
                }
                at += n;
                assertEquals(atOnce(c.data(), at, c.version()), got, "after " + at + " of " + c.data().length + " bytes");
            }
        });
    }

    @Test
    void aMalformedAnswerStaysMalformed() {
        FlightReader reader = new FlightReader(TlsVersion.TLS12);
        byte[] smtp = "454 4.7.0 TLS not available\r\n".getBytes();
        assertThrows(TlsParseException.class, () -> reader.feed(smtp, 0, smtp.length));
        byte[] flight = Fixtures.hex("postfix-modern-tls12-flight");
        assertThrows(TlsParseException.class, () -> reader.feed(flight, 0, flight.length));
    }

    @Test
    void aDecidedAnswerIgnoresWhatFollows() throws Exception {
        FlightReader reader = new FlightReader(TlsVersion.TLS10);
        byte[] alert = Fixtures.hex("postfix-modern-tls10-alert");
        ServerFlight.Alert first = assertInstanceOf(ServerFlight.Alert.class, reader.feed(alert, 0, alert.length));
        byte[] garbage = "garbage after the alert".getBytes();
        assertEquals(first, reader.feed(garbage, 0, garbage.length));
    }

    /**
     * Regression: the whole answer was parsed again after every read, and each 1-byte record copied the
     * handshake so far, so a server dripping 1-byte records 60 bytes per read cost a second of CPU per hello.
     * The work is counted (bytes examined), not timed: it must stay a small multiple of the bytes received.
     */
    @Test
    void oneByteRecordsDrippedCostWorkInProportionToTheBytes() {
        DrippedFlights.Cost cost = DrippedFlights.exchange(DrippedFlights.worstCase(), 60);
        assertEquals(HelloExchange.MAX_BYTES, cost.bytes());
        assertTrue(cost.reads() > 1_000, "the flight arrived in " + cost.reads() + " reads");
        assertTrue(cost.outcome().contains("Hello"), "the hello is still reported: " + cost.outcome());
        assertTrue(cost.bytesExamined() <= 4L * cost.bytes(), () -> cost.bytesExamined() + " bytes examined for "
                + cost.bytes() + " received");
    }

    @Test
    void workDoesNotDependOnHowTheFlightIsCut() {
        byte[] flight = DrippedFlights.worstCase();
        List<Long> examined = new ArrayList<>();
        for (int perRead : List.of(1, 60, 4096)) {
            examined.add(DrippedFlights.exchange(flight, perRead).bytesExamined());
        }
        assertEquals(1, examined.stream().distinct().count(), "bytes examined per read size 1, 60, 4096: " + examined);
    }
}
