package io.smtpscope.tls.enumeration;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Coverage-guided fuzzing (Jazzer) of what reads a server's TLS answer: the whole-flight parser and the incremental
 * reader fed in arbitrary pieces. Either gives a result or throws {@link TlsParseException}; nothing else, for any
 * version offered. A normal build replays the committed corpus (real Postfix flights among it) under
 * src/test/resources/io/smtpscope/tls/enumeration/TlsParsersJazzerTestInputs/METHOD/; {@code JAZZER_FUZZ=1} explores.
 */
class TlsParsersJazzerTest {
    @FuzzTest(maxDuration = "60s")
    void serverHelloParserGivesAFlightOrItsOwnException(@NotNull byte[] flight) {
        for (TlsVersion offered : TlsVersion.values()) {
            try {
                ServerHelloParser.parse(flight, flight.length, offered);
            } catch (TlsParseException expected) {
                // the one allowed outcome besides a result
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void flightReaderFedInPiecesGivesAFlightOrItsOwnException(FuzzedDataProvider data) {
        TlsVersion offered = data.pickValue(TlsVersion.values());
        int piece = data.consumeInt(1, 512);
        byte[] flight = data.consumeRemainingAsBytes();
        FlightReader reader = new FlightReader(offered);
        try {
            for (int at = 0; at < flight.length; at += piece) {
                ServerFlight answer = reader.feed(flight, at, Math.min(piece, flight.length - at));
                boolean more = answer instanceof ServerFlight.Incomplete
                        || answer instanceof ServerFlight.Hello hello && !hello.complete();
                if (!more) {
                    return; // the final answer: the reader is done with this flight
                }
            }
        } catch (TlsParseException expected) {
            // the one allowed outcome besides a result
        }
    }
}
