package io.smtpscope.tls.enumeration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each refusal means to the enumerators (RFC 8446 section 6.2, RFC 5246 section 7.2.2). */
class HelloOutcomeTest {
    private static HelloExchange.Outcome alert(int description) {
        return new HelloExchange.Outcome.Answered(new ServerFlight.Alert(2, description));
    }

    @ParameterizedTest
    @ValueSource(ints = {AlertDescription.HANDSHAKE_FAILURE, AlertDescription.INSUFFICIENT_SECURITY})
    void noCommonSuite(int description) {
        assertTrue(alert(description).noCommonSuite());
        assertFalse(alert(description).looksLikeSizeTrouble());
    }

    @ParameterizedTest
    @ValueSource(ints = {AlertDescription.DECODE_ERROR, AlertDescription.ILLEGAL_PARAMETER,
            AlertDescription.RECORD_OVERFLOW, AlertDescription.INTERNAL_ERROR})
    void couldNotReadTheHello(int description) {
        assertTrue(alert(description).looksLikeSizeTrouble());
        assertFalse(alert(description).noCommonSuite());
    }

    @ParameterizedTest
    @ValueSource(ints = {AlertDescription.PROTOCOL_VERSION, AlertDescription.UNRECOGNIZED_NAME})
    void refusesSomethingElse(int description) {
        assertFalse(alert(description).noCommonSuite(), "protocol_version refuses the version, not the suites");
        assertFalse(alert(description).looksLikeSizeTrouble());
    }

    @Test
    void aBareCloseIsBothAndAFailureNeither() {
        HelloExchange.Outcome closed = new HelloExchange.Outcome.Closed();
        assertTrue(closed.noCommonSuite());
        assertTrue(closed.looksLikeSizeTrouble());
        HelloExchange.Outcome failed = new HelloExchange.Outcome.Failed("time-out", true);
        assertFalse(failed.noCommonSuite());
        assertFalse(failed.looksLikeSizeTrouble());
        assertTrue(failed.accepted(TlsVersion.TLS12).isEmpty());
    }

    @Test
    void alertNamesAreTheRfcNames() {
        assertEquals("insufficient_security", AlertDescription.name(71));
        assertEquals("protocol_version", new ServerFlight.Alert(2, 70).describe());
        assertEquals("alert 255", AlertDescription.name(255));
    }
}
