package io.smtpscope.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Mode;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A third-party SMTP server (GreenMail: SMTPS and AUTH, no STARTTLS) on loopback, scanned end to end. */
class GreenMailScanTest {
    private GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private int start(String protocol) {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort());
        greenMail.setUser("alice@greenmail.test", "alice", "not-a-real-secret");
        greenMail.start();
        return ServerSetup.PROTOCOL_SMTPS.equals(protocol) ? greenMail.getSmtps().getPort() : greenMail.getSmtp().getPort();
    }

    private static EndpointResult scan(String target) {
        Profile profile = Profile.builtIn().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20));
        ScanRequest request = new ScanRequest(List.of(TargetParser.parse(target)), List.of(), profile, Optional.empty(),
                ResolveOverrides.parse(List.of("mail.greenmail.test:127.0.0.1")), TrustAnchors.jdkDefault(), 4, 2, false,
                host -> { throw new AssertionError("no DNS lookups in tests: " + host); }, Clock.systemUTC());
        ScanReport report = new ScanService(new Tool("smtpscope", "test")).run(request, r -> { });
        assertEquals(1, report.endpoints().size());
        return report.endpoints().get(0);
    }

    private static List<String> ids(EndpointResult e) {
        return e.findings().stream().map(Finding::id).toList();
    }

    @Test
    void smtpsIsScannedAsImplicitTls() {
        int port = start(ServerSetup.PROTOCOL_SMTPS);
        EndpointResult e = scan("mail.greenmail.test:" + port + "/implicit-tls");

        assertEquals(Mode.IMPLICIT_TLS, e.mode());
        assertEquals("open", e.reachability().label());
        assertNull(e.error(), () -> "error: " + e.error() + "\n" + String.join("\n", e.transcript()));
        // TLS came first, then the banner inside it.
        assertNotNull(e.tls());
        assertTrue(e.tls().protocol().startsWith("TLSv1."), e.tls().protocol());
        assertTrue(e.tls().cipherSuite().startsWith("TLS_"), e.tls().cipherSuite());
        assertEquals("mail.greenmail.test", e.tls().sni());
        int tlsLine = indexOf(e.transcript(), "* TLS established");
        int bannerLine = indexOf(e.transcript(), "S: 220");
        assertTrue(tlsLine >= 0 && bannerLine > tlsLine, "banner after the handshake: " + e.transcript());

        assertEquals(220, e.smtp().banner().code());
        assertTrue(e.smtp().banner().text().contains("GreenMail"), e.smtp().banner().text());
        assertEquals(250, e.smtp().ehlo().code());
        assertTrue(e.smtp().ehlo().extensions().stream().anyMatch(x -> x.toUpperCase().startsWith("AUTH")),
                e.smtp().ehlo().extensions().toString());
        assertTrue(e.smtp().auth().afterTls().contains("PLAIN"), e.smtp().auth().toString());
        assertTrue(e.smtp().auth().afterTls().contains("LOGIN"), e.smtp().auth().toString());

        // GreenMail serves its own self-signed certificate: observed, then judged untrusted and not for this name.
        assertNotNull(e.certificate());
        assertFalse(e.certificate().chain().isEmpty());
        assertEquals(64, e.certificate().chain().get(0).sha256().length());
        assertFalse(e.certificate().trusted());
        assertFalse(e.certificate().nameMatches());
        assertTrue(ids(e).contains("CERT_UNTRUSTED"), ids(e).toString());
        assertFalse(ids(e).contains("AUTH_BEFORE_TLS"), "AUTH inside implicit TLS is fine");
        assertNoMailTransaction(e);
    }

    @Test
    void plainSmtpScannedForStartTlsIsNotOffered() {
        int port = start(ServerSetup.PROTOCOL_SMTP);
        EndpointResult e = scan("mail.greenmail.test:" + port + "/starttls");

        assertEquals("open", e.reachability().label());
        assertEquals(220, e.smtp().banner().code());
        assertFalse(e.smtp().starttls().offered());
        assertFalse(e.smtp().starttls().stripped(), "no masked keyword, no 5xx after advertising: really no TLS");
        assertTrue(e.smtp().starttls().attempted(), "tried once although not advertised (profile default)");
        assertNotNull(e.smtp().starttls().code());
        assertTrue(e.smtp().starttls().code() >= 500, "GreenMail refuses the unknown command: " + e.smtp().starttls());
        assertNotEquals(Boolean.TRUE, e.smtp().starttls().upgraded());
        assertNull(e.tls());
        assertNull(e.certificate());
        assertTrue(ids(e).contains("STARTTLS_NOT_OFFERED"), ids(e).toString());
        assertFalse(ids(e).contains("STARTTLS_STRIPPED"));
        // GreenMail advertises AUTH on the clear-text connection: exactly what AUTH_BEFORE_TLS is for.
        assertTrue(e.smtp().auth().beforeTls().contains("PLAIN"), e.smtp().auth().toString());
        assertTrue(ids(e).contains("AUTH_BEFORE_TLS"), ids(e).toString());
        assertNoMailTransaction(e);
    }

    private static void assertNotEquals(Object unexpected, Object actual) {
        org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual);
    }

    private static void assertNoMailTransaction(EndpointResult e) {
        assertTrue(e.transcript().stream().noneMatch(l -> l.startsWith("C: MAIL") || l.startsWith("C: RCPT") || l.startsWith("C: DATA")),
                e.transcript().toString());
        assertTrue(e.transcript().contains("C: QUIT"), e.transcript().toString());
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
