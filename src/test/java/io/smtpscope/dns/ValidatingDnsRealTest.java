package io.smtpscope.dns;

import io.smtpscope.it.DnsFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.result.DnssecState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validating resolver against the signed test zones (NSD + Unbound on loopback, src/test/setup/50-dns.sh). */
class ValidatingDnsRealTest {
    private DnsFixture fixture;
    private ValidatingDns dns;

    @BeforeEach
    void setUp() {
        fixture = RealServices.dns();
        DnsClient client = new DnsClient(List.of(DnsClient.parseServer(fixture.resolver())), Duration.ofSeconds(3), 2);
        dns = ValidatingDns.over(client, fixture.trustAnchor());
    }

    @Test
    void signedZoneIsSecure() {
        Validated a = dns.lookup("mx.ee." + fixture.property("apex"), Type.A);
        assertEquals(Validated.Status.FOUND, a.status(), a.toString());
        assertEquals(DnssecState.SECURE, a.dnssec(), a.toString());
        Validated tlsa = dns.lookup("_25._tcp.mx.ee." + fixture.property("apex"), Type.TLSA);
        assertEquals(DnssecState.SECURE, tlsa.dnssec(), tlsa.toString());
        assertEquals(1, tlsa.records().size());
    }

    @Test
    void unsignedDelegationIsInsecure() {
        Validated a = dns.lookup("mx." + fixture.domain("unsigned"), Type.A);
        assertEquals(Validated.Status.FOUND, a.status(), a.toString());
        assertEquals(DnssecState.INSECURE, a.dnssec(), a.toString());
    }

    @Test
    void expiredSignaturesAreBogusWithAReason() {
        Validated mx = dns.lookup(fixture.domain("expired"), Type.MX);
        assertEquals(DnssecState.BOGUS, mx.dnssec(), mx.toString());
        assertEquals(Validated.Status.FAILED, mx.status());
        assertNotNull(mx.reason());
    }

    @Test
    void cnameIsFollowedAndTheCanonicalNameKept() {
        String alias = "mx." + fixture.domain("cname");
        Validated a = dns.lookup(alias, Type.A);
        assertEquals(Validated.Status.FOUND, a.status(), a.toString());
        assertEquals("host." + fixture.domain("cname"), a.canonicalName());
        assertTrue(a.aliased(alias));
        assertEquals(DnssecState.SECURE, a.dnssec());
    }

    @Test
    void securelyDeniedNameIsNxdomainNotFailure() {
        Validated none = dns.lookup("_25._tcp.nothing." + fixture.property("apex"), Type.TLSA);
        assertEquals(Validated.Status.NXDOMAIN, none.status(), none.toString());
        assertEquals(DnssecState.SECURE, none.dnssec());
        TxtAnswer txt = dns.txt(fixture.domain("ee"));
        assertTrue(txt instanceof TxtAnswer.NoRecords, "no TXT at the domain is no records, not a failure: " + txt);
    }

    @Test
    void withoutTheTestAnchorTheTestZoneIsNotSecure() {
        DnsClient client = new DnsClient(List.of(DnsClient.parseServer(fixture.resolver())), Duration.ofSeconds(2), 1);
        ValidatingDns rootOnly = ValidatingDns.over(client, null);
        Validated a = rootOnly.lookup("mx.ee." + fixture.property("apex"), Type.A);
        assertTrue(a.dnssec() != DnssecState.SECURE, a.toString());
    }

    @Test
    void anchorFileWithoutAnchorIsAPlainError() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createTempFile("anchor", ".ds");
        try {
            DnsClient client = new DnsClient(List.of(DnsClient.parseServer(fixture.resolver())), Duration.ofSeconds(2), 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValidatingDns.over(client, empty));
            assertTrue(e.getMessage().contains("no DS or DNSKEY"), e.getMessage());
        } finally {
            java.nio.file.Files.delete(empty);
        }
    }
}
