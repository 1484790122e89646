package io.smtpscope.tls.enumeration;

import io.smtpscope.report.Json;
import io.smtpscope.result.TlsResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A null in the report ("could not test") comes with its reason, in {@code tls.untested}. */
class UntestedReasonsTest {
    private static final List<Integer> SUITES = List.of(0xC02F, 0x002F);

    @Test
    void versionsThatCouldNotBeTestedCarryTheReason() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            TlsEnumerator refused = new TlsEnumerator(Runners.FAST, EnumerationDepth.FULL, 400, Duration.ofMinutes(1), 1,
                    (endpoint, deadline) -> {
                        throw new StartTlsOpener.RefusedException("rejected during banner: 554 go away", false);
                    });
            TlsResult tls = refused.enumerate(Runners.endpoint(server), null);
            for (TlsVersion v : VersionEnumeration.HIGH_FIRST) {
                assertNull(tls.protocols().get(v.label()), v.label());
                assertEquals("rejected during banner: 554 go away", tls.untested().get(v.label()), v.label());
            }
            assertTrue(Json.mapper().writeValueAsString(tls).contains("\"untested\":{\"TLSv1.3\":"),
                    "the reasons reach the report");
        }
    }

    /** RSA key exchange only: no TLS 1.3 and no ECDHE, so neither groups nor curves apply. */
    @Test
    void aServerTestedInFullHasNoUntestedEntryAndTheReportNoField() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(List.of(0x009C, 0x002F), true, Integer.MAX_VALUE)) {
            TlsResult tls = new TlsEnumerator(Runners.FAST, EnumerationDepth.FULL).enumerate(Runners.endpoint(server), null);
            assertEquals(Boolean.TRUE, tls.protocols().get("TLSv1.2"));
            assertEquals(java.util.Map.of(), tls.untested(), "no TLS 1.3 or ECDHE here is not 'untested': there was nothing to test");
            assertFalse(Json.mapper().writeValueAsString(tls).contains("untested"));
        }
    }
}
