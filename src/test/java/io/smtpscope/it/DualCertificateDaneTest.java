package io.smtpscope.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.cli.Cli;
import io.smtpscope.report.Json;
import io.smtpscope.report.ReportSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DANE on a server holding two certificates (RFC 7671 section 5): the real Postfix service of
 * src/test/setup/45-postfix-dual-cert.sh (port 2530, the test CA's RSA and ECDSA certificates) behind the signed
 * test zones of 50-dns.sh: {@code dualboth} publishes TLSA 3 1 1 for both keys, {@code dualrsa} for the RSA key only.
 * The TLS enumeration's TLS 1.2 hellos (ECDHE_RSA and ECDHE_ECDSA suites) see both certificates; each must be
 * held against the records. {@code dualtls13} is {@code dualrsa} on the TLS 1.3-only port 2531, where no raw hello
 * can read a certificate: one JSSE handshake offering only the other key type's signature schemes finds the second.
 */
class DualCertificateDaneTest {
    private static DnsFixture dns;
    private static JsonNode report;
    private static String stderr;

    @BeforeAll
    static void scan() throws Exception {
        dns = RealServices.dns();
        PostfixFixture postfix = RealServices.postfix();
        RealServices.requireDns(dns.properties().getProperty("ecdsa_spki_sha256") != null,
                "dns.properties has no ecdsa_spki_sha256 (re-run src/test/setup/45-postfix-dual-cert.sh, then 50-dns.sh)");
        String port = dns.property("dual_port");
        List<String> args = new ArrayList<>(List.of("scan", "--no-history", "--json", "-", "--allow-private-mx",
                "--dns-server", dns.resolver(), "--trust-anchor", dns.trustAnchor().toString(),
                "--ca-file", postfix.get("ca_file"),
                "--mx", dns.domain("dualboth") + ":" + port, "--mx", dns.domain("dualrsa") + ":" + port,
                "--mx", dns.domain("dualtls13") + ":" + dns.property("dual_tls13_port")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        stderr = err.toString();
        report = Json.mapper().readTree(out.toString());
        ReportSchema.assertValid(report);
    }

    private static JsonNode endpoint(String label) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : report.get("endpoints")) {
            if (e.hasNonNull("mx") && e.get("mx").get("domain").asText().equals(dns.domain(label))) {
                found.add(e);
            }
        }
        assertEquals(1, found.size(), () -> label + ": one endpoint expected; stderr: " + stderr);
        assertEquals("open", found.get(0).get("reachability").asText(), () -> found.get(0).toString());
        return found.get(0);
    }

    private static Set<String> keyTypes(JsonNode certificates) {
        return StreamSupport.stream(certificates.spliterator(), false).map(c -> c.get("key_type").asText()).collect(Collectors.toSet());
    }

    private static JsonNode certificate(JsonNode dane, String keyType) {
        for (JsonNode c : dane.get("certificates")) {
            if (c.get("key_type").asText().equals(keyType)) {
                return c;
            }
        }
        throw new AssertionError("no " + keyType + " certificate in " + dane);
    }

    @Test
    void theEnumerationSeesBothCertificatesWithTheirKeyDigests() {
        JsonNode seen = endpoint("dualboth").get("tls").get("certificates_seen");
        assertEquals(Set.of("RSA", "EC"), keyTypes(seen), seen::toString);
        for (JsonNode c : seen) {
            String want = c.get("key_type").asText().equals("RSA") ? dns.leafSpkiSha256() : dns.property("ecdsa_spki_sha256");
            assertEquals(want, c.get("spki_sha256").asText(), c::toString);
        }
    }

    @Test
    void aRecordForEachKeyAuthenticatesBothCertificates() {
        JsonNode e = endpoint("dualboth");
        JsonNode dane = e.get("dane");
        assertEquals("authenticated", dane.get("outcome").asText(), dane::toString);
        assertEquals(Set.of("RSA", "EC"), keyTypes(dane.get("certificates")), dane::toString);
        dane.get("certificates").forEach(c -> assertTrue(c.get("matched").asBoolean(), c::toString));
        assertEquals(List.of("3 1 1 " + dns.property("ecdsa_spki_sha256")),
                List.of(certificate(dane, "EC").get("matched_records").get(0).asText()));
        dane.get("records").forEach(r -> assertTrue(r.get("matched").asBoolean(), r::toString));
        List<String> ids = TestZoneScan.ids(e.get("findings"));
        assertFalse(ids.contains("DANE_ROLLOVER"), "each record matches a certificate: no rollover; " + ids);
        assertFalse(ids.contains("DANE_CERTIFICATE_UNMATCHED"), ids::toString);
    }

    @Test
    void anEcdsaCertificateWithoutItsRecordIsReportedWithItsRecordToPublish() {
        JsonNode e = endpoint("dualrsa");
        JsonNode dane = e.get("dane");
        assertEquals("partial-match", dane.get("outcome").asText(), dane::toString);
        assertTrue(certificate(dane, "RSA").get("matched").asBoolean(), dane::toString);
        JsonNode ec = certificate(dane, "EC");
        assertFalse(ec.get("matched").asBoolean(), dane::toString);
        assertEquals(dns.property("ecdsa_spki_sha256"), ec.get("spki_sha256").asText());
        JsonNode finding = null;
        for (JsonNode f : e.get("findings")) {
            if (f.get("id").asText().equals("DANE_CERTIFICATE_UNMATCHED")) {
                finding = f;
            }
        }
        assertTrue(finding != null, () -> e.get("findings").toString());
        assertEquals("fail", finding.get("severity").asText());
        assertTrue(finding.get("explanation").asText().contains("TLSA 3 1 1 " + dns.property("ecdsa_spki_sha256")),
                finding.get("explanation")::asText);
        JsonNode domain = null;
        for (JsonNode d : report.get("domains")) {
            if (d.get("domain").asText().equals(dns.domain("dualrsa"))) {
                domain = d;
            }
        }
        assertTrue(domain != null && domain.get("verdict").asText().contains("DANE failing for some senders"),
                String.valueOf(domain));
    }

    @Test
    void onATls13OnlyServerOneHandshakeMoreFindsTheOtherCertificate() {
        JsonNode e = endpoint("dualtls13");
        assertEquals("TLSv1.3", e.get("tls").get("protocol").asText());
        assertTrue(e.get("tls").get("certificates_seen").isNull(), "no plaintext Certificate message to read");
        JsonNode dane = e.get("dane");
        assertEquals(Set.of("RSA", "EC"), keyTypes(dane.get("certificates")), dane::toString);
        assertEquals("partial-match", dane.get("outcome").asText(), dane::toString);
        assertFalse(certificate(dane, "EC").get("matched").asBoolean(), dane::toString);
        assertTrue(certificate(dane, "RSA").get("matched").asBoolean(), dane::toString);
        assertTrue(TestZoneScan.ids(e.get("findings")).contains("DANE_CERTIFICATE_UNMATCHED"), e.get("findings")::toString);
    }

    /**
     * Postfix's own DANE client (posttls-finger, resolver = the validating Unbound in a private mount namespace, as in
     * {@link DaneOracleTest}) negotiates one of the two certificates, the one its signature algorithms prefer: the
     * certificate it names must be one we list, and it must fail exactly where we say that certificate is unmatched.
     */
    @Test
    void postfixAsDaneSenderFailsExactlyOnTheCertificateWeSayIsUnmatched(@TempDir Path tmp)
            throws Exception {
        RealServices.requireDns(DaneOracleTest.onPath("posttls-finger") && DaneOracleTest.onPath("unshare"),
                "posttls-finger or unshare is missing");
        RealServices.requireDns("0".equals(DaneOracleTest.run(List.of("id", "-u")).strip()),
                "posttls-finger needs root here: it reads the resolver from a bind-mounted resolv.conf");
        Path resolvConf = tmp.resolve("resolv.conf");
        Files.writeString(resolvConf, "nameserver " + dns.resolver() + "\noptions edns0 trust-ad\n");
        for (String label : List.of("dualboth", "dualrsa", "dualtls13")) {
            String port = label.equals("dualtls13") ? dns.property("dual_tls13_port") : dns.property("dual_port");
            String out = DaneOracleTest.run(List.of("unshare", "-m", "sh", "-c",
                    "mount --bind \"$0\" /etc/resolv.conf && exec posttls-finger -c -l dane -o dnssec_probe= \"$1\"",
                    resolvConf.toString(), dns.domain(label) + ":" + port));
            Matcher signature = Pattern.compile("server-signature (RSA|ECDSA|RSA-PSS)").matcher(out);
            assertTrue(signature.find(), () -> label + ": no TLS session in " + out);
            String keyType = signature.group(1).equals("ECDSA") ? "EC" : "RSA";
            JsonNode negotiated = certificate(endpoint(label).get("dane"), keyType);
            if (negotiated.get("matched").asBoolean()) {
                assertTrue(out.contains("Verified TLS connection established"), () -> label + " (" + keyType + " matched): " + out);
            } else {
                assertTrue(out.contains("no matching DANE TLSA records") && out.contains("Untrusted TLS connection"),
                        () -> label + " (" + keyType + " unmatched): " + out);
            }
        }
    }
}
