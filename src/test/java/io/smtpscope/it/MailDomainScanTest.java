package io.smtpscope.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail domains end to end against real servers: the signed test zones (NSD behind a validating Unbound,
 * src/test/setup/50-dns.sh) whose TLSA records the set-up computed from the test Postfix's certificates, scanned
 * through the CLI. Each expectation is what RFC 7672 implies for the zone's records; the DANE verdicts are
 * cross-checked with posttls-finger and ldns-dane, the DNSSEC states with delv, in {@link DaneOracleTest}.
 */
class MailDomainScanTest {
    private DnsFixture dns;
    private JsonNode report;

    @BeforeEach
    void scan() throws Exception {
        dns = RealServices.dns();
        report = TestZoneScan.report(dns, RealServices.postfix());
    }

    private JsonNode domain(String label) {
        return TestZoneScan.domain(report, dns.domain(label));
    }

    private JsonNode onlyEndpoint(String label) {
        List<JsonNode> endpoints = TestZoneScan.endpoints(report, dns.domain(label));
        assertEquals(1, endpoints.size(), () -> label + ": one MX address expected");
        assertEquals("open", endpoints.get(0).get("reachability").asText(), () -> endpoints.get(0).toString());
        return endpoints.get(0);
    }

    private static JsonNode host(JsonNode domain) {
        JsonNode hosts = domain.get("dane").get("hosts");
        assertEquals(1, hosts.size(), domain::toString);
        return hosts.get(0);
    }

    @Test
    void everyDomainScannedIsInTheDomainsSection() {
        assertEquals(TestZoneScan.DOMAINS.size(), report.get("domains").size(), TestZoneScan::stderr);
    }

    @Test
    void daneEeMatchesTheServerKey() {
        JsonNode d = domain("ee");
        assertEquals("secure", d.get("dnssec").get("mx").asText());
        assertTrue(d.get("mx").get(0).get("secure").asBoolean());
        JsonNode h = host(d);
        assertEquals("secure", h.get("addresses").asText());
        assertEquals("usable", h.get("status").asText());
        assertEquals("3 1 1 " + dns.leafSpkiSha256(), presentation(h.get("records").get(0)));
        JsonNode dane = onlyEndpoint("ee").get("dane");
        assertEquals("authenticated", dane.get("outcome").asText(), dane::toString);
        assertTrue(dane.get("records").get(0).get("matched").asBoolean());
        assertTrue(d.get("verdict").asText().contains("downgrade protection: DANE valid (DNSSEC)"), d.get("verdict").asText());
        assertTrue(d.get("verdict").asText().startsWith("delivery over TLS: yes"), d.get("verdict").asText());
        assertFalse(TestZoneScan.ids(d.get("findings")).stream().anyMatch(id -> id.startsWith("DANE") || id.startsWith("DNSSEC")),
                d.get("findings")::toString);
    }

    @Test
    void daneTaMatchesTheCaTheServerSendsAndTheMxName() {
        JsonNode h = host(domain("ta"));
        assertEquals("2 0 1 " + dns.caCertSha256(), presentation(h.get("records").get(0)));
        JsonNode dane = onlyEndpoint("ta").get("dane");
        assertEquals("authenticated", dane.get("outcome").asText(), dane::toString);
        assertTrue(dane.get("records").get(0).get("why").asText().contains("certificate 1 of the chain"), dane::toString);
    }

    @Test
    void noMatchingRecordIsAFailureWithTheRenewalRemedy() {
        JsonNode e = onlyEndpoint("nomatch");
        assertEquals("no-match", e.get("dane").get("outcome").asText());
        JsonNode finding = finding(e.get("findings"), "DANE_NO_MATCH");
        assertEquals("fail", finding.get("severity").asText());
        assertTrue(finding.get("remedy").asText().contains("before deploying a new certificate"), finding::toString);
        assertTrue(finding.get("remedy").asText().contains("3 1 1"), finding::toString);
        assertTrue(domain("nomatch").get("verdict").asText().contains("DANE failing"), domain("nomatch")::toString);
    }

    @Test
    void rolloverWithOneMatchingRecordDeliversAndSaysSo() {
        JsonNode e = onlyEndpoint("rollover");
        assertEquals("authenticated", e.get("dane").get("outcome").asText());
        assertEquals(2, e.get("dane").get("records").size());
        long matched = java.util.stream.StreamSupport.stream(e.get("dane").get("records").spliterator(), false)
                .filter(r -> r.get("matched").asBoolean()).count();
        assertEquals(1, matched);
        assertTrue(TestZoneScan.ids(e.get("findings")).contains("DANE_ROLLOVER"), e.get("findings")::toString);
    }

    @Test
    void mxInACnameLooksUpTlsaAtTheCanonicalNameFirst() {
        JsonNode d = domain("cname");
        JsonNode h = host(d);
        assertEquals("host." + dns.domain("cname"), h.get("canonical_name").asText());
        assertEquals("_25._tcp.host." + dns.domain("cname"), h.get("tlsa_name").asText());
        assertEquals("authenticated", onlyEndpoint("cname").get("dane").get("outcome").asText());
        assertTrue(TestZoneScan.ids(d.get("findings")).contains("MX_IS_CNAME"), d.get("findings")::toString);
    }

    @Test
    void aDaneSenderSendsTheEndOfTheCnameChainAsSni() {
        // RFC 7672 section 8.1: SNI carries the TLSA base domain; the certificate is still checked for the MX name
        JsonNode endpoint = onlyEndpoint("cname");
        assertEquals("host." + dns.domain("cname"), endpoint.get("tls").get("sni").asText());
        assertTrue(endpoint.get("reproduce").get(0).asText().contains("-servername host." + dns.domain("cname")),
                endpoint.get("reproduce")::toString);
        assertEquals("mx." + dns.domain("cname"), endpoint.get("host").asText());
        // without a CNAME the TLSA base domain is the MX name itself
        assertEquals("mx." + dns.domain("ee"), onlyEndpoint("ee").get("tls").get("sni").asText());
    }

    @Test
    void onlyPkixUsagesMeanTlsRequiredButNotAuthenticated() {
        JsonNode d = domain("pkix");
        assertEquals("unusable-only", host(d).get("status").asText());
        assertFalse(host(d).get("records").get(0).get("usable").asBoolean());
        assertEquals("not-authenticated", onlyEndpoint("pkix").get("dane").get("outcome").asText());
        assertTrue(TestZoneScan.ids(d.get("findings")).contains("DANE_TLSA_UNUSABLE"), d.get("findings")::toString);
    }

    @Test
    void tlsaInAnUnsignedZoneIsIgnoredAndSaid() {
        JsonNode d = domain("unsigned");
        assertEquals("insecure", d.get("dnssec").get("mx").asText());
        assertFalse(d.get("mx").get(0).get("secure").asBoolean());
        assertEquals("tlsa-insecure", host(d).get("status").asText());
        assertEquals("not-applicable", onlyEndpoint("unsigned").get("dane").get("outcome").asText());
        List<String> ids = TestZoneScan.ids(d.get("findings"));
        assertTrue(ids.contains("DANE_TLSA_INSECURE") && ids.contains("DNSSEC_NOT_SIGNED"), ids::toString);
    }

    @Test
    void expiredSignaturesAreBogusWithTheValidatorsReason() {
        JsonNode d = domain("expired");
        assertEquals("bogus", d.get("dnssec").get("mx").asText());
        assertFalse(d.get("dnssec").get("reason").asText().isBlank());
        JsonNode finding = finding(d.get("findings"), "DNSSEC_MX_BOGUS");
        assertEquals("fail", finding.get("severity").asText());
        assertTrue(d.get("verdict").asText().contains("bogus"), d.get("verdict").asText());
    }

    @Test
    void bogusTlsaMakesTheHostUnreachableForDaneSenders() {
        JsonNode d = domain("badtlsa");
        assertEquals("secure", d.get("dnssec").get("mx").asText());
        JsonNode h = host(d);
        assertEquals("secure", h.get("addresses").asText());
        assertEquals("tlsa-bogus", h.get("status").asText());
        assertEquals("bogus", h.get("tlsa_dnssec").asText());
        assertEquals("unreachable", onlyEndpoint("badtlsa").get("dane").get("outcome").asText());
        JsonNode finding = finding(d.get("findings"), "DANE_TLSA_BOGUS");
        assertEquals("fail", finding.get("severity").asText());
        assertTrue(finding.get("explanation").asText().contains("unreachable"), finding::toString);
        assertTrue(d.get("verdict").asText().contains("DANE broken"), d.get("verdict").asText());
    }

    static String presentation(JsonNode tlsa) {
        return tlsa.get("usage").asInt() + " " + tlsa.get("selector").asInt() + " " + tlsa.get("matching_type").asInt() + " "
                + tlsa.get("data").asText();
    }

    private static JsonNode finding(JsonNode findings, String id) {
        for (JsonNode f : findings) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no " + id + " in " + findings);
    }
}
