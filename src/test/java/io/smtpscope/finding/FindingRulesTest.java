package io.smtpscope.finding;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.AuthAdvertised;
import io.smtpscope.result.Banner;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.Synthetic;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each initial finding fires on the facts that define it, and none fires on a clean endpoint. */
class FindingRulesTest {
    private static final Set<String> INITIAL_IDS = Set.of("STARTTLS_NOT_OFFERED", "STARTTLS_STRIPPED", "STARTTLS_FAILED",
            "AUTH_BEFORE_TLS", "CERT_UNTRUSTED", "CERT_NAME_MISMATCH", "CERT_EXPIRED", "CERT_EXPIRES_SOON", "PORT_TIMEOUT",
            "PORT_REFUSED", "BANNER_TIMEOUT", "SERVICE_REJECTED", "NOT_SMTP");

    private final FindingRules rules = new FindingRules(FindingCatalogue.bundled(), JudgePolicy.defaults());

    // ---- a clean STARTTLS endpoint, and small edits of it ----

    private static final StartTlsResult GOOD_STARTTLS = new StartTlsResult(true, false, true, 220, "2.0.0 Ready", true, null, null);
    private static final ChainCertificate LEAF = new ChainCertificate("CN=mail.example.com", "CN=Test CA", "1f",
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), List.of("DNS:mail.example.com"),
            "EC", 256, "SHA256withECDSA", "ab".repeat(32));
    private static final CertificateResult GOOD_CERT = new CertificateResult(List.of(LEAF), true, null, "mail.example.com",
            true, false, false, 90, false);

    private static SmtpResult smtp(StartTlsResult st, List<String> authBefore) {
        return new SmtpResult(new Banner(220, "mail.example.com ESMTP", "smtp"),
                new HelloReply(250, List.of("PIPELINING", "STARTTLS"), "EHLO", "mail.example.com"),
                new HelloReply(250, List.of("PIPELINING", "AUTH PLAIN"), "EHLO", "mail.example.com"),
                st, new AuthAdvertised(authBefore, List.of("PLAIN")), List.of());
    }

    private static Synthetic.Builder clean() {
        return Synthetic.endpoint("mail.example.com", 25).address("192.0.2.1").smtp(smtp(GOOD_STARTTLS, List.of()))
                .tls("TLSv1.3").certificate(GOOD_CERT);
    }

    private static EndpointResult with(UnaryOperator<Synthetic.Builder> edit) {
        return edit.apply(clean()).build();
    }

    private static CertificateResult cert(boolean trusted, String trustError, boolean nameMatches, boolean expired, long days) {
        return new CertificateResult(List.of(LEAF), trusted, trustError, "mail.example.com", nameMatches, expired, false, days, false);
    }

    /** Only the initial thirteen: the catalogue has grown, and its other entries have tests of their own. */
    private List<Finding> initial(EndpointResult e) {
        return rules.findings(e).stream().filter(f -> INITIAL_IDS.contains(f.id())).toList();
    }

    private List<String> ids(EndpointResult e) {
        return initial(e).stream().map(Finding::id).toList();
    }

    private Finding only(EndpointResult e, String id) {
        List<Finding> found = initial(e);
        assertEquals(List.of(id), found.stream().map(Finding::id).toList(), () -> "findings: " + found);
        Finding f = found.get(0);
        assertFalse(f.title().isBlank());
        assertFalse(f.remedy().isBlank());
        assertFalse(f.explanation().matches(".*\\{[a-z_]+}.*"), "unfilled placeholder: " + f.explanation());
        assertFalse(f.remedy().matches(".*\\{[a-z_]+}.*"), "unfilled placeholder: " + f.remedy());
        return f;
    }

    @Test
    void catalogueHoldsEveryInitialFinding() {
        for (String id : INITIAL_IDS) {
            assertTrue(FindingCatalogue.bundled().contains(id), id);
        }
    }

    @Test
    void cleanEndpointHasNoFindings() {
        assertEquals(List.of(), ids(clean().build()));
        assertEquals(List.of(), ids(with(b -> b.mode(Mode.IMPLICIT_TLS).smtp(smtp(null, List.of())))));
    }

    @Test
    void portRefused() {
        Finding f = only(with(b -> b.reachability(Reachability.REFUSED).error("connect", ErrorKind.CONNECTION_REFUSED, "Connection refused")), "PORT_REFUSED");
        assertEquals(Severity.WARN, f.severity());
        assertTrue(f.explanation().contains("192.0.2.1 port 25"), f.explanation());
    }

    @Test
    void portTimeout() {
        Finding f = only(with(b -> b.reachability(Reachability.TIMEOUT).error("connect", ErrorKind.CONNECTION_TIMEOUT, "connect timed out")), "PORT_TIMEOUT");
        assertTrue(f.explanation().contains("port 25"), f.explanation());
    }

    @Test
    void bannerTimeout() {
        Finding f = only(with(b -> b.smtp(new SmtpResult(null, null, null, null, null, List.of())).noTls()
                .error("banner", ErrorKind.BANNER_TIMEOUT, "no greeting within 30 s")), "BANNER_TIMEOUT");
        assertEquals(Severity.FAIL, f.severity());
        assertTrue(f.explanation().contains("mail.example.com:25") && f.explanation().contains("no greeting within 30 s"), f.explanation());
    }

    @Test
    void serviceRejected() {
        SmtpResult rejected = new SmtpResult(new Banner(554, "5.7.1 Client host rejected\nsecond line", "smtp"),
                null, null, null, null, List.of());
        Finding f = only(with(b -> b.smtp(rejected).noTls().error("banner", ErrorKind.REJECTED, "greeting 554")), "SERVICE_REJECTED");
        assertTrue(f.explanation().contains("554") && f.explanation().contains("\"5.7.1 Client host rejected\""), f.explanation());
        assertFalse(f.explanation().contains("second line"), "only the first line of the greeting");
    }

    @Test
    void notSmtp() {
        Finding f = only(with(b -> b.smtp(new SmtpResult(null, null, null, null, null, List.of())).noTls()
                .error("banner", ErrorKind.NOT_SMTP, "an HTTP server answered")), "NOT_SMTP");
        assertTrue(f.explanation().contains("an HTTP server answered"));
        assertTrue(f.remedy().contains("port 25"));
    }

    @Test
    void startTlsNotOffered() {
        StartTlsResult none = new StartTlsResult(false, false, true, 502, "5.5.1 unknown command", false, null, null);
        Finding f = only(with(b -> b.smtp(smtp(none, List.of())).noTls()), "STARTTLS_NOT_OFFERED");
        assertTrue(f.explanation().contains("mail.example.com:25") && f.explanation().contains("502"), f.explanation());
        StartTlsResult notTried = new StartTlsResult(false, false, false, null, null, null, null, null);
        assertTrue(only(with(b -> b.smtp(smtp(notTried, List.of())).noTls()), "STARTTLS_NOT_OFFERED")
                .explanation().contains("(not tried)"));
    }

    @Test
    void startTlsStripped() {
        StartTlsResult masked = new StartTlsResult(false, true, true, 500, "5.5.1 Command unrecognized", false, null, "XXXXXXXA");
        Finding f = only(with(b -> b.smtp(smtp(masked, List.of())).noTls()), "STARTTLS_STRIPPED");
        assertTrue(f.explanation().contains("'XXXXXXXA'"), f.explanation());
        StartTlsResult refused = new StartTlsResult(true, true, true, 500, "no", false, null, null);
        assertTrue(only(with(b -> b.smtp(smtp(refused, List.of())).noTls()), "STARTTLS_STRIPPED").explanation().contains("answered 500"));
    }

    @Test
    void startTlsFailed() {
        StartTlsResult failed = new StartTlsResult(true, false, true, 454, "4.7.0 TLS not available", false, null, null);
        Finding f = only(with(b -> b.smtp(smtp(failed, List.of())).noTls()), "STARTTLS_FAILED");
        assertTrue(f.explanation().contains("answered 454"), f.explanation());

        // A handshake that fails after "220 Ready" is the refined STARTTLS_TLS_BROKEN; on 465, IMPLICIT_TLS_FAILED.
        StartTlsResult handshake = new StartTlsResult(true, false, true, 220, "Ready", false, null, null);
        EndpointResult broken = with(b -> b.smtp(smtp(handshake, List.of())).noTls().error("handshake", ErrorKind.HANDSHAKE_ERROR,
                "no cipher suites in common"));
        assertEquals(List.of(), ids(broken));
        Finding h = rules.findings(broken).stream().filter(x -> x.id().equals("STARTTLS_TLS_BROKEN")).findFirst().orElseThrow();
        assertTrue(h.explanation().contains("no cipher suites in common"), h.explanation());

        EndpointResult implicitFailure = with(b -> b.mode(Mode.IMPLICIT_TLS).smtp(smtp(null, List.of())).noTls()
                .error("handshake", ErrorKind.HANDSHAKE_ERROR, "received plaintext"));
        Finding implicit = rules.findings(implicitFailure).stream().filter(x -> x.id().equals("IMPLICIT_TLS_FAILED"))
                .findFirst().orElseThrow();
        assertTrue(implicit.explanation().contains("received plaintext"));
    }

    @Test
    void authBeforeTls() {
        Finding f = only(with(b -> b.smtp(smtp(GOOD_STARTTLS, List.of("PLAIN", "LOGIN")))), "AUTH_BEFORE_TLS");
        assertTrue(f.explanation().contains("AUTH PLAIN LOGIN"), f.explanation());
        assertEquals(List.of(), ids(with(b -> b.mode(Mode.IMPLICIT_TLS).smtp(smtp(null, List.of("PLAIN"))))),
                "on implicit TLS the first EHLO is already encrypted");
    }

    @Test
    void certUntrusted() {
        Finding f = only(with(b -> b.certificate(cert(false, "self-signed certificate", true, false, 90))), "CERT_UNTRUSTED");
        assertTrue(f.explanation().contains("CN=mail.example.com") && f.explanation().contains("self-signed certificate"), f.explanation());
    }

    @Test
    void certNameMismatch() {
        Finding f = only(with(b -> b.certificate(cert(true, null, false, false, 90))), "CERT_NAME_MISMATCH");
        assertTrue(f.explanation().contains("mail.example.com") && f.explanation().contains("DNS:mail.example.com"), f.explanation());
    }

    @Test
    void certExpiredIsNotAlsoReportedAsUntrusted() {
        Finding f = only(with(b -> b.certificate(cert(false, "a certificate in the chain has expired", true, true, -12))), "CERT_EXPIRED");
        assertTrue(f.explanation().contains("2027-01-01T00:00:00Z") && f.explanation().contains("12 days ago"), f.explanation());
    }

    @Test
    void certExpiresSoonWarnsThenFails() {
        Finding warn = only(with(b -> b.certificate(cert(true, null, true, false, 10))), "CERT_EXPIRES_SOON");
        assertEquals(Severity.WARN, warn.severity());
        assertTrue(warn.explanation().contains("in 10 days (threshold 21 days)"), warn.explanation());
        Finding fail = only(with(b -> b.certificate(cert(true, null, true, false, 3))), "CERT_EXPIRES_SOON");
        assertEquals(Severity.FAIL, fail.severity());
        assertTrue(fail.explanation().contains("threshold 7 days"), fail.explanation());
        assertEquals(List.of(), ids(with(b -> b.certificate(cert(true, null, true, false, 21)))), "21 days is not below 21");
    }

    @Test
    void severalFindingsAtOnce() {
        EndpointResult careless = with(b -> b.smtp(smtp(GOOD_STARTTLS, List.of("PLAIN"))).certificate(cert(false, "untrusted", false, true, -1)));
        assertEquals(List.of("AUTH_BEFORE_TLS", "CERT_UNTRUSTED", "CERT_NAME_MISMATCH", "CERT_EXPIRED"), ids(careless));
    }

    @Test
    void profileSeverityOverrideApplies() {
        FindingRules lenient = new FindingRules(FindingCatalogue.bundled(), new JudgePolicy(21, 7, Map.of("AUTH_BEFORE_TLS", Severity.INFO)));
        List<Finding> f = lenient.findings(with(b -> b.smtp(smtp(GOOD_STARTTLS, List.of("PLAIN")))));
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @Test
    void judgeAttachesFindingsWithoutChangingObservations() {
        EndpointResult observed = with(b -> b.certificate(cert(true, null, false, false, 90)));
        EndpointResult judged = observed.withFindings(rules.findings(observed));
        assertEquals(observed.certificate(), judged.certificate());
        assertEquals(List.of("CERT_NAME_MISMATCH"), judged.findings().stream().map(Finding::id)
                .filter(INITIAL_IDS::contains).toList());
        assertEquals(judged.findings(), rules.findings(observed), "pure: same facts, same findings");
    }

    @Test
    void templateFillingKeepsUnknownPlaceholdersAndQuotesReplacementText() {
        assertEquals("a 1 {missing} $x\\y", FindingCatalogue.fill("a {n} {missing} {v}", Map.of("n", "1", "v", "$x\\y")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FindingCatalogue.bundled().make("NO_SUCH", Map.of(), java.util.Optional.empty()));
        assertTrue(e.getMessage().contains("NO_SUCH"));
    }

    @Test
    void ipv6EndpointIsBracketedInTexts() {
        EndpointResult v6 = Synthetic.endpoint("2001:db8::1", 25).address("2001:db8::1").smtp(smtp(GOOD_STARTTLS, List.of("PLAIN")))
                .noTls().build();
        assertEquals("[2001:db8::1]:25", v6.target());
        assertTrue(only(v6, "AUTH_BEFORE_TLS").explanation().startsWith("[2001:db8::1]:25 advertises"));
    }
}
