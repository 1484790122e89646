package io.smtpscope.net;

import io.smtpscope.net.FailureClassifier;
import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.target.Mode;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression: a reset seen on a write ("Broken pipe") is a reset, not a generic I/O error, whatever the timing. */
class ConnectionResetClassificationTest {

    @Test
    void resetOnReadAndOnWriteAreBothConnectionResets() {
        assertTrue(FailureClassifier.isConnectionReset(new SocketException("Connection reset")));
        assertTrue(FailureClassifier.isConnectionReset(new SocketException("Connection reset by peer")));
        assertTrue(FailureClassifier.isConnectionReset(new SocketException("Broken pipe")));
    }

    @Test
    void aResetReportedByTheConnectIsAnOpenPortResetInTheNextStep() {
        ProbeSettings settings = ProbeSettings.defaults();
        FailureClassifier.ConnectFailure starttls = new FailureClassifier(settings, Mode.STARTTLS, 25)
                .connect(new SocketException("Connection reset by peer"), false);
        assertEquals(Reachability.OPEN, starttls.reachability());
        assertEquals(new ProbeError("banner", ErrorKind.CONNECTION_RESET, "connection reset by the server during banner"),
                starttls.error());
        FailureClassifier.ConnectFailure implicit = new FailureClassifier(settings, Mode.IMPLICIT_TLS, 465)
                .connect(new SocketException("Connection reset"), false);
        assertEquals(Reachability.OPEN, implicit.reachability());
        assertEquals("handshake", implicit.error().phase());
        assertEquals(ErrorKind.CONNECTION_RESET, implicit.error().kind());
        // a refusal stays a refusal, and the connect timeout's watchdog wins over what the socket said
        assertEquals(Reachability.REFUSED, new FailureClassifier(settings, Mode.STARTTLS, 25)
                .connect(new java.net.ConnectException("Connection refused"), false).reachability());
        assertEquals(Reachability.TIMEOUT, new FailureClassifier(settings, Mode.STARTTLS, 25)
                .connect(new SocketException("Connection reset"), true).reachability());
    }

    @Test
    void otherFailuresAreNotResets() {
        assertFalse(FailureClassifier.isConnectionReset(new SocketException("Socket closed")));
        assertFalse(FailureClassifier.isConnectionReset(new IOException("Connection reset")));
        assertFalse(FailureClassifier.isConnectionReset(null));
    }

    @Test
    void firstLineStopsAtCrOrLf() {
        assertArrayEquals("500 x".getBytes(), FailureClassifier.firstLine("500 x\r\n250 y".getBytes()));
        assertArrayEquals("abc".getBytes(), FailureClassifier.firstLine("abc".getBytes()));
        assertArrayEquals(new byte[0], FailureClassifier.firstLine("\nabc".getBytes()));
    }
}
