package io.smtpscope.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.cert.CertificateFacts;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.cli.Cli;
import io.smtpscope.report.Json;
import io.smtpscope.report.ReportSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scanner against a real Postfix on loopback, configured by src/test/postfix/setup-postfix.sh
 * (port 25 STARTTLS, 465 implicit TLS, 587 submission with Dovecot SASL only after TLS, test CA).
 * Skipped, with a message saying how to enable it, when that setup has not run on this machine
 * ({@link RealServices}); failed instead under {@code SMTPSCOPE_REQUIRE_POSTFIX=1}.
 */
class PostfixScanTest {
    private static PostfixFixture postfix;
    private static String name;
    /** The test MTA's loopback address (127.0.0.2 unless the set-up was told otherwise): never assumed. */
    private static String address;
    private static int smtpPort;
    private static int smtpsPort;
    private static int submissionPort;
    private static X509Certificate serverCert;
    /** The report of the scan with the test CA: ports 25, 465, 587 of the pinned name. */
    private static JsonNode trustedReport;
    private static int trustedExit;

    /** Each test needs the real Postfix: skipped without it, or failed under SMTPSCOPE_REQUIRE_POSTFIX=1. */
    @BeforeEach
    void requirePostfix() throws Exception {
        scanOnce(RealServices.postfix());
    }

    private static synchronized void scanOnce(PostfixFixture fixture) throws Exception {
        if (trustedReport != null) {
            return;
        }
        postfix = fixture;
        name = required("name");
        address = required("host");
        smtpPort = Integer.parseInt(required("smtp_port"));
        smtpsPort = Integer.parseInt(required("smtps_port"));
        submissionPort = Integer.parseInt(required("submission_port"));
        serverCert = TrustAnchors.readPem(Path.of(required("cert_file"))).get(0);
        Result r = scan(name, true);
        trustedExit = r.exit;
        trustedReport = r.json;
    }

    private static String required(String key) {
        return postfix.get(key);
    }

    private record Result(int exit, JsonNode json, String err) {
    }

    /** Scans {@code host} on the three ports through the CLI, pinning {@code host} to the test MTA's address. */
    private static Result scan(String host, boolean withTestCa) throws IOException {
        List<String> args = new ArrayList<>(List.of("scan", "--resolve", host + ":" + address, "--json", "-",
                host + ":" + smtpPort + "/starttls", host + ":" + smtpsPort + "/implicit-tls",
                host + ":" + submissionPort + "/starttls"));
        if (withTestCa) {
            args.addAll(List.of("--ca-file", required("ca_file")));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        JsonNode json = Json.mapper().readTree(out.toString());
        assertEquals(3, json.get("endpoints").size(), () -> "three endpoints; stderr: " + err);
        // A real MTA's report, TLS enumeration included, must be fully described by the committed schema.
        ReportSchema.assertValid(json);
        return new Result(exit, json, err.toString());
    }

    private static JsonNode endpoint(JsonNode report, int port) {
        for (JsonNode e : report.get("endpoints")) {
            if (e.get("port").asInt() == port) {
                return e;
            }
        }
        throw new AssertionError("no endpoint for port " + port);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> findingIds(JsonNode e) {
        return StreamSupport.stream(e.get("findings").spliterator(), false).map(f -> f.get("id").asText()).toList();
    }

    private static List<String> mechanisms() {
        return Arrays.asList(required("sasl_mechanisms").split("\\s+"));
    }

    /**
     * A parameter of the test instance's running configuration (its own config_directory: a plain postconf
     * would read the machine's own Postfix), or null when postconf is not available.
     */
    private static String postconf(String parameter) {
        try {
            Process p = new ProcessBuilder("postconf", "-c", required("config_directory"), "-xh", parameter)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- the scan with the test CA ----

    @Test
    void allEndpointsOpenWithoutFailFindings() {
        for (JsonNode e : trustedReport.get("endpoints")) {
            assertEquals("open", e.get("reachability").asText(), e.toString());
            assertTrue(e.get("error").isNull(), () -> "error: " + e.get("error"));
            assertEquals(address, e.get("address").asText());
            for (JsonNode f : e.get("findings")) {
                assertFalse("fail".equals(f.get("severity").asText()), "fail finding on port " + e.get("port") + ": " + f);
            }
        }
        assertEquals(0, trustedExit, "no finding reaches fail");
    }

    @Test
    void port25GreetsAndOffersStartTls() {
        JsonNode smtp = endpoint(trustedReport, smtpPort).get("smtp");
        assertEquals(220, smtp.get("banner").get("code").asInt());
        String banner = smtp.get("banner").get("text").asText();
        String configured = postconf("smtpd_banner");
        if (configured != null) {
            assertEquals(configured, banner, "the banner is the configured smtpd_banner");
        } else {
            assertTrue(banner.startsWith(name + " ESMTP"), banner);
        }
        assertEquals(250, smtp.get("ehlo").get("code").asInt());
        List<String> ehlo = strings(smtp.get("ehlo").get("extensions"));
        assertTrue(ehlo.contains("STARTTLS"), ehlo.toString());
        assertTrue(ehlo.contains("PIPELINING"), ehlo.toString());
        assertTrue(ehlo.stream().anyMatch(x -> x.matches("SIZE \\d+")), ehlo.toString());
        JsonNode st = smtp.get("starttls");
        assertTrue(st.get("offered").asBoolean());
        assertFalse(st.get("stripped").asBoolean());
        assertEquals(220, st.get("code").asInt());
        assertTrue(st.get("upgraded").asBoolean());
        assertEquals(250, smtp.get("ehlo_after_tls").get("code").asInt());
        assertFalse(strings(smtp.get("ehlo_after_tls").get("extensions")).contains("STARTTLS"),
                "RFC 3207 section 4.2: not offered again inside TLS");
    }

    @Test
    void tlsIsModernOnEveryPort() {
        for (int port : List.of(smtpPort, smtpsPort, submissionPort)) {
            JsonNode tls = endpoint(trustedReport, port).get("tls");
            assertFalse(tls.isNull(), "TLS on port " + port);
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(tls.get("protocol").asText()), tls.toString());
            assertTrue(tls.get("cipher_suite").asText().startsWith("TLS_"), tls.toString());
            assertEquals(name, tls.get("sni").asText());
        }
    }

    @Test
    void certificateIsTrustedMatchesAndIsTheConfiguredOne() throws Exception {
        String leafSha256 = CertificateFacts.sha256(serverCert);
        long expectedDays = Math.floorDiv(Duration.between(Instant.now(), serverCert.getNotAfter().toInstant()).toSeconds(), 86_400L);
        List<String> chainFileHashes = new ArrayList<>();
        String chainFile = postfix.properties().getProperty("chain_file");
        if (chainFile != null && Files.isRegularFile(Path.of(chainFile.strip()))) {
            for (X509Certificate c : TrustAnchors.readPem(Path.of(chainFile.strip()))) {
                chainFileHashes.add(CertificateFacts.sha256(c));
            }
        }
        for (int port : List.of(smtpPort, smtpsPort, submissionPort)) {
            JsonNode cert = endpoint(trustedReport, port).get("certificate");
            assertTrue(cert.get("trusted").asBoolean(), () -> "port " + port + ": " + cert.get("trust_error"));
            assertTrue(cert.get("trust_error").isNull());
            assertEquals(name, cert.get("name_checked").asText());
            assertTrue(cert.get("name_matches").asBoolean());
            assertFalse(cert.get("expired").asBoolean());
            long days = cert.get("days_remaining").asLong();
            assertTrue(Math.abs(days - expectedDays) <= 1, "days_remaining " + days + " vs " + expectedDays + " from cert_file");
            JsonNode chain = cert.get("chain");
            assertEquals(leafSha256, chain.get(0).get("sha256").asText(), "the leaf served is cert_file");
            assertTrue(strings(chain.get(0).get("sans")).contains("DNS:" + name), chain.get(0).toString());
            assertEquals(serverCert.getNotAfter().toInstant().toString(), chain.get(0).get("not_after").asText());
            if (!chainFileHashes.isEmpty()) {
                List<String> served = StreamSupport.stream(chain.spliterator(), false).map(c -> c.get("sha256").asText()).toList();
                assertEquals(chainFileHashes, served, "the chain exactly as Postfix serves it (smtpd_tls_cert_file order and count)");
            }
        }
    }

    @Test
    void authOnlyAfterTls() {
        JsonNode submission = endpoint(trustedReport, submissionPort).get("smtp");
        assertEquals(List.of(), strings(submission.get("auth").get("before_tls")));
        assertEquals(mechanisms(), strings(submission.get("auth").get("after_tls")));
        assertTrue(submission.get("starttls").get("upgraded").asBoolean());

        JsonNode smtp = endpoint(trustedReport, smtpPort).get("smtp");
        assertEquals(List.of(), strings(smtp.get("auth").get("before_tls")));
        if ("yes".equals(postconf("smtpd_sasl_auth_enable"))) {
            assertEquals(mechanisms(), strings(smtp.get("auth").get("after_tls")), "SASL is enabled on port 25 too");
        }
        for (int port : List.of(smtpPort, submissionPort)) {
            assertFalse(findingIds(endpoint(trustedReport, port)).contains("AUTH_BEFORE_TLS"));
        }
    }

    @Test
    void implicitTlsOn465GreetsAfterTheHandshake() {
        JsonNode e = endpoint(trustedReport, smtpsPort);
        assertEquals("implicit-tls", e.get("mode").asText());
        assertEquals(220, e.get("smtp").get("banner").get("code").asInt());
        assertTrue(e.get("smtp").get("banner").get("text").asText().startsWith(name), e.get("smtp").get("banner").toString());
        List<String> transcript = strings(e.get("transcript"));
        int handshake = indexOf(transcript, "* TLS established");
        int banner = indexOf(transcript, "S: 220");
        assertTrue(handshake >= 0 && banner > handshake, transcript.toString());
        assertFalse(transcript.contains("C: STARTTLS"));
        assertEquals(mechanisms(), strings(e.get("smtp").get("auth").get("after_tls")));
        assertNotNull(e.get("timings_ms").get("handshake"));
    }

    @Test
    void transcriptIsADialogueWithoutAMailTransaction() {
        for (JsonNode e : trustedReport.get("endpoints")) {
            List<String> transcript = strings(e.get("transcript"));
            assertTrue(transcript.stream().anyMatch(l -> l.startsWith("C: EHLO ")), transcript.toString());
            assertTrue(transcript.stream().anyMatch(l -> l.startsWith("S: 250")), transcript.toString());
            assertTrue(transcript.contains("C: QUIT"), transcript.toString());
            assertTrue(transcript.stream().anyMatch(l -> l.startsWith("S: 221")), transcript.toString());
            for (String line : transcript) {
                String upper = line.toUpperCase();
                assertFalse(upper.startsWith("C: MAIL") || upper.startsWith("C: RCPT") || upper.startsWith("C: DATA")
                        || upper.startsWith("C: AUTH"), "never a mail transaction or a login: " + line);
            }
            JsonNode t = e.get("timings_ms");
            assertTrue(t.get("total").asLong() >= t.get("banner").asLong());
        }
    }

    @Test
    void ipAddressTargetMatchesTheIpSan() throws Exception {
        // The brief's form: the literal address with the name pinned; the name to check is then the address.
        StringWriter out = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute("scan",
                "--resolve", name + ":" + address, "--ca-file", required("ca_file"), "--json", "-", address + ":" + smtpPort);
        JsonNode cert = Json.mapper().readTree(out.toString()).get("endpoints").get(0).get("certificate");
        assertEquals(address, cert.get("name_checked").asText());
        assertTrue(cert.get("name_matches").asBoolean(), "the test certificate has IP:" + address);
        assertEquals(0, exit);
    }

    @Test
    void noSniIsReportedForAnIpTarget() throws Exception {
        StringWriter out = new StringWriter();
        Cli.create(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute("scan",
                "--ca-file", required("ca_file"), "--json", "-", address + ":" + smtpPort);
        JsonNode e = Json.mapper().readTree(out.toString()).get("endpoints").get(0);
        assertTrue(e.get("tls").get("sni").isNull(), e.get("tls").toString());
        assertTrue(strings(e.get("transcript")).stream().noneMatch(l -> l.contains("SNI " + address)));
    }

    // ---- judged differently ----

    @Test
    void withoutTheTestCaTheCertificateIsUntrusted() throws Exception {
        Result r = scan(name, false);
        assertEquals(1, r.exit(), "CERT_UNTRUSTED is a fail finding");
        for (JsonNode e : r.json().get("endpoints")) {
            assertFalse(e.get("certificate").get("trusted").asBoolean());
            assertTrue(e.get("certificate").get("name_matches").asBoolean(), "the name still matches");
            assertEquals(List.of("CERT_UNTRUSTED"), findingIds(e), "port " + e.get("port"));
            assertTrue(e.get("findings").get(0).get("explanation").asText().contains("JDK trust store"));
        }
    }

    @Test
    void anotherNameDoesNotMatchTheCertificate() throws Exception {
        String other = "other." + required("domain");
        Result r = scan(other, true);
        assertEquals(1, r.exit());
        for (JsonNode e : r.json().get("endpoints")) {
            JsonNode cert = e.get("certificate");
            assertEquals(other, cert.get("name_checked").asText());
            assertFalse(cert.get("name_matches").asBoolean());
            assertTrue(cert.get("trusted").asBoolean(), "trust does not depend on the name");
            assertEquals(List.of("CERT_NAME_MISMATCH"), findingIds(e), "port " + e.get("port"));
            String explanation = e.get("findings").get(0).get("explanation").asText();
            assertTrue(explanation.contains(other) && explanation.contains("DNS:" + name), explanation);
        }
    }

    private static int indexOf(List<String> transcript, String prefix) {
        for (int i = 0; i < transcript.size(); i++) {
            if (transcript.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
