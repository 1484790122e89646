package io.smtpscope.probe;

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
        assertTrue(EndpointProbe.isConnectionReset(new SocketException("Connection reset")));
        assertTrue(EndpointProbe.isConnectionReset(new SocketException("Connection reset by peer")));
        assertTrue(EndpointProbe.isConnectionReset(new SocketException("Broken pipe")));
    }

    @Test
    void otherFailuresAreNotResets() {
        assertFalse(EndpointProbe.isConnectionReset(new SocketException("Socket closed")));
        assertFalse(EndpointProbe.isConnectionReset(new IOException("Connection reset")));
        assertFalse(EndpointProbe.isConnectionReset(null));
    }

    @Test
    void firstLineStopsAtCrOrLf() {
        assertArrayEquals("500 x".getBytes(), EndpointProbe.firstLine("500 x\r\n250 y".getBytes()));
        assertArrayEquals("abc".getBytes(), EndpointProbe.firstLine("abc".getBytes()));
        assertArrayEquals(new byte[0], EndpointProbe.firstLine("\nabc".getBytes()));
    }
}
