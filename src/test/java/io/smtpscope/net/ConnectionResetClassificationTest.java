package io.smtpscope.net;

import io.smtpscope.net.FailureClassifier;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
