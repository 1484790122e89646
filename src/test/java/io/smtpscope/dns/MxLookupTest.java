package io.smtpscope.dns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MX answers as RFC 5321 section 5.1 and RFC 7505 read them, from a DNS server on loopback only. */
class MxLookupTest {
    private static LoopbackDnsServer dns;
    private static MxLookup lookup;
    private static DnsClient client;

    @BeforeAll
    static void start() throws Exception {
        dns = new LoopbackDnsServer()
                .mx("ordered.test", 20, "mx-c.ordered.test").mx("ordered.test", 10, "mx-a.ordered.test")
                .mx("ordered.test", 20, "mx-b.ordered.test").mx("ordered.test", 5, "MX-First.Ordered.test")
                .a("implicit.test", "127.0.0.1")
                .mx("nullmx.test", 0, ".")
                .mx("mixed.test", 0, ".").mx("mixed.test", 10, "mx.mixed.test")
                .a("both.test", "127.0.0.1").aaaa("both.test", "::1")
                .servfail("broken.test")
                .silent("silent.test");
        client = dns.client(Duration.ofMillis(300), 2);
        lookup = MxLookup.using(client);
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
    }

    @Test
    void exchangesComeInPreferenceOrderTiesAsReturned() {
        MxAnswer.Exchanges answer = assertInstanceOf(MxAnswer.Exchanges.class, lookup.lookup("ordered.test"));
        assertEquals(List.of(new MxAnswer.Exchange(5, "mx-first.ordered.test"), new MxAnswer.Exchange(10, "mx-a.ordered.test"),
                new MxAnswer.Exchange(20, "mx-c.ordered.test"), new MxAnswer.Exchange(20, "mx-b.ordered.test")), answer.exchanges());
    }

    @Test
    void aDomainWithoutMxButWithAnAddressIsAnImplicitMx() {
        assertInstanceOf(MxAnswer.Implicit.class, lookup.lookup("implicit.test"));
    }

    @Test
    void aLoneDotIsANullMx() {
        assertInstanceOf(MxAnswer.NullMx.class, lookup.lookup("nullmx.test"));
    }

    @Test
    void aDotNextToRealExchangesIsIgnored() {
        MxAnswer.Exchanges answer = assertInstanceOf(MxAnswer.Exchanges.class, lookup.lookup("mixed.test"));
        assertEquals(List.of(new MxAnswer.Exchange(10, "mx.mixed.test")), answer.exchanges());
    }

    @Test
    void nxdomainServfailAndSilenceSayWhichLookupFailed() {
        MxAnswer.Failed nx = assertInstanceOf(MxAnswer.Failed.class, lookup.lookup("missing.test"));
        assertEquals("MX lookup of missing.test failed: NXDOMAIN (the domain does not exist)", nx.reason());
        MxAnswer.Failed servfail = assertInstanceOf(MxAnswer.Failed.class, lookup.lookup("broken.test"));
        assertEquals("MX lookup of broken.test failed: SERVFAIL from " + dns.address(), servfail.reason());
        long started = System.nanoTime();
        MxAnswer.Failed silent = assertInstanceOf(MxAnswer.Failed.class, lookup.lookup("silent.test"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(silent.reason().startsWith("MX lookup of silent.test failed: no answer from " + dns.address()
                + " in 2 attempt(s) of 300 ms (timed out)"), silent.reason());
        assertTrue(millis >= 500 && millis < 5_000, "two bounded attempts, took " + millis + " ms");
    }

    @Test
    void addressesAreAThenAaaaAndMissingNamesSayWhy() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")), client.addresses("both.test"));
        UnknownHostException nx = assertThrows(UnknownHostException.class, () -> client.addresses("missing.test"));
        assertEquals("A lookup: NXDOMAIN", nx.getMessage());
        UnknownHostException nodata = assertThrows(UnknownHostException.class, () -> client.addresses("nullmx.test"));
        assertEquals("no A or AAAA record", nodata.getMessage());
    }

    @Test
    void dnsServerSpecsAreAddressesWithAnOptionalPort() {
        assertEquals(53, DnsClient.parseServer("192.0.2.53").getPort());
        assertEquals(5353, DnsClient.parseServer("127.0.0.1:5353").getPort());
        assertEquals(5353, DnsClient.parseServer("[::1]:5353").getPort());
        assertEquals(53, DnsClient.parseServer("::1").getPort());
        assertEquals("--dns-server dns.example: 'dns.example' is not an IP address",
                assertThrows(IllegalArgumentException.class, () -> DnsClient.parseServer("dns.example")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnsClient.parseServer("127.0.0.1:0"));
        assertThrows(IllegalArgumentException.class, () -> DnsClient.parseServer("127.0.0.1:x"));
    }
}
