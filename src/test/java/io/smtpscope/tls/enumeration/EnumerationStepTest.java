package io.smtpscope.tls.enumeration;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enumeration only runs where the probe found TLS to enumerate, and never after a 421. */
class EnumerationStepTest {
    private static boolean worth(Mode mode, Reachability reachability, Integer starttlsCode, ProbeError error) {
        StartTlsResult st = starttlsCode == null ? null
                : new StartTlsResult(true, false, true, starttlsCode, "", starttlsCode == 220, null, null);
        SmtpResult smtp = reachability == Reachability.OPEN ? new SmtpResult(null, null, null, st, null, List.of()) : null;
        return EnumerationStep.worthEnumerating(new ProbeObservation(reachability, smtp, null, null, null, error, List.of()), mode);
    }

    @Test
    void startTlsAccepted() {
        assertTrue(worth(Mode.STARTTLS, Reachability.OPEN, 220, null));
        // the JDK handshake failed after 220: our own hellos may still learn what the server speaks
        assertTrue(worth(Mode.STARTTLS, Reachability.OPEN, 220,
                new ProbeError("handshake", ErrorKind.HANDSHAKE_ERROR, "no common protocol")));
        assertTrue(worth(Mode.IMPLICIT_TLS, Reachability.OPEN, null, null));
    }

    @Test
    void nothingToEnumerate() {
        assertFalse(worth(Mode.STARTTLS, Reachability.OPEN, 454, null));
        assertFalse(worth(Mode.STARTTLS, Reachability.OPEN, null, null));
        assertFalse(worth(Mode.PLAIN, Reachability.OPEN, null, null));
        assertFalse(worth(Mode.IMPLICIT_TLS, Reachability.REFUSED, null, null));
        assertFalse(worth(Mode.STARTTLS, Reachability.OPEN, 220,
                new ProbeError("ehlo_after_tls", ErrorKind.RATE_LIMITED, "421")), "a server that said 421 is left alone");
    }
}
