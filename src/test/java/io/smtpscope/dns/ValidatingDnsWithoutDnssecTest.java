package io.smtpscope.dns;

import io.smtpscope.result.DnssecState;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DNS server that passes no DNSSEC records (an in-JVM one here; in the field, a resolver that strips them): the
 * answers are still used, their state is unknown, never "bogus", and the reason says why.
 */
class ValidatingDnsWithoutDnssecTest {
    @Test
    void withoutDnssecRecordsStatesAreUnknownNotBogus() throws Exception {
        try (LoopbackDnsServer server = new LoopbackDnsServer()) {
            server.mx("a.test", 10, "mx.a.test").a("mx.a.test", "192.0.2.1");
            ValidatingDns dns = ValidatingDns.over(server.client(Duration.ofSeconds(2), 1), null);
            assertFalse(dns.validates());
            assertTrue(dns.whyNotValidating().contains("DNSSEC and DANE were not checked"), dns.whyNotValidating());
            Validated mx = dns.lookup("a.test", Type.MX);
            assertEquals(Validated.Status.FOUND, mx.status(), mx.toString());
            assertEquals(DnssecState.UNKNOWN, mx.dnssec());
            Validated none = dns.lookup("nothing.a.test", Type.A);
            assertEquals(Validated.Status.NXDOMAIN, none.status(), none.toString());
        }
    }
}
