package io.smtpscope.mtasts;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.dns.DnsClient;
import io.smtpscope.dns.DnsTxtSource;
import io.smtpscope.dns.LoopbackDnsServer;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.https.HttpsFetcher;
import io.smtpscope.it.RealServices;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.MxCoverage;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MTA-STS against real policy hosts: the nginx instance of src/test/setup/60-mta-sts.sh (HTTPS on a loopback
 * address, certificates from its own test CA). DNS is answered in the JVM: the {@code _mta-sts} records and the
 * policy hosts' addresses, so the fetch finds nginx only through the scan's resolver (--dns-server), never the system's.
 */
class MtaStsNginxTest {
    private static final List<String> KINDS = List.of("enforce", "testing", "none", "crlf", "dupkey", "redirect",
            "oversized", "badmx", "missing", "ctype", "wrongcert");

    private LoopbackDnsServer dns;
    private DnsClient client;
    private String base;
    private TrustAnchors testCa;

    @BeforeEach
    void setUp() throws Exception {
        Properties nginx = RealServices.mtaSts();
        base = nginx.getProperty("base_domain");
        testCa = TrustAnchors.of(TrustAnchors.readPem(Path.of(nginx.getProperty("ca_file"))), "the MTA-STS test CA");
        dns = new LoopbackDnsServer();
        for (String kind : KINDS) {
            dns.txt("_mta-sts." + kind + "." + base, "v=STSv1; id=" + kind + "2026");
            dns.a("mta-sts." + kind + "." + base, nginx.getProperty("host"));
        }
        dns.txt("_mta-sts.noaddress." + base, "v=STSv1; id=1");
        dns.txt("_mta-sts.closed." + base, "v=STSv1; id=1").a("mta-sts.closed." + base, "127.0.0.31");
        dns.servfail("_mta-sts.dnsfail." + base);
        client = dns.client(Duration.ofSeconds(3), 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        dns.close();
    }

    private MtaStsResult check(String kind, TrustAnchors anchors) {
        HttpsFetcher fetcher = new HttpsFetcher(anchors, client::addresses, Duration.ofSeconds(5), Duration.ofSeconds(15),
                MtaStsCheck.MAX_POLICY_BYTES);
        return new MtaStsCheck(DnsTxtSource.using(client), fetcher::fetch).check(kind + "." + base,
                new DomainFindings(kind + "." + base));
    }

    private MtaStsResult check(String kind) {
        return check(kind, testCa);
    }

    private static List<String> ids(MtaStsResult r) {
        for (Finding f : r.findings()) {
            assertFalse((f.explanation() + f.remedy()).matches("(?s).*\\{[a-z_]+}.*"), "unfilled template: " + f);
        }
        return r.findings().stream().map(Finding::id).toList();
    }

    @Test
    void anEnforcePolicyIsFetchedAndParsedWithoutFindings() {
        MtaStsResult r = check("enforce");
        assertEquals("enforce2026", r.id());
        assertEquals(HttpsFetchStatus.OK, r.fetch().status(), r.fetch().toString());
        assertEquals(200, r.fetch().httpStatus());
        assertEquals("https://mta-sts.enforce." + base + "/.well-known/mta-sts.txt", r.fetch().url());
        assertTrue(r.fetch().contentType().startsWith("text/plain"));
        assertEquals(Boolean.TRUE, r.fetch().certificateValid());
        assertEquals(MtaStsMode.ENFORCE, r.policy().mode());
        assertEquals(604800L, r.policy().maxAge());
        assertEquals(List.of("mail.smtpscope.test", "*.mx.enforce." + base), r.policy().mx());
        assertNotNull(r.policySha256());
        assertEquals(List.of(), ids(r));
    }

    @Test
    void theScanFactoryFetchesUnderTheProfileTimeouts() {
        MtaStsCheck check = MtaStsCheck.forScan(DnsTxtSource.using(client), testCa, client::addresses,
                io.smtpscope.net.ProbeSettings.defaults());
        MtaStsResult r = check.check("crlf." + base, new DomainFindings("crlf." + base));
        assertEquals(HttpsFetchStatus.OK, r.fetch().status(), r.fetch().toString());
        assertEquals("crlf2026", r.id());
    }

    @Test
    void theMxHostsAreJudgedAgainstTheFetchedPolicy() {
        MtaStsResult r = MxEvaluation.evaluate(check("enforce"), List.of(
                new MxEvaluation.MxHost("mail.smtpscope.test", true),
                new MxEvaluation.MxHost("a.mx.enforce." + base, false),
                new MxEvaluation.MxHost("backup.elsewhere.test", true)), new DomainFindings("enforce." + base));
        assertEquals(List.of(new MxCoverage("mail.smtpscope.test", "mail.smtpscope.test", true),
                new MxCoverage("a.mx.enforce." + base, "*.mx.enforce." + base, false),
                new MxCoverage("backup.elsewhere.test", null, true)), r.mxCoverage());
        assertEquals(List.of("MTA_STS_MX_CERT_INVALID", "MTA_STS_MX_NOT_COVERED"), ids(r));
        assertTrue(r.findings().stream().allMatch(f -> f.severity() == Severity.FAIL));
    }

    @Test
    void testingAndNoneModesAreExplained() {
        MtaStsResult testing = check("testing");
        assertEquals(List.of("MTA_STS_MODE_TESTING"), ids(testing));
        MtaStsResult none = check("none");
        assertEquals(MtaStsMode.NONE, none.policy().mode());
        assertEquals(List.of("MTA_STS_MAX_AGE_SHORT", "MTA_STS_MODE_NONE"), ids(none));
    }

    @Test
    void crlfLineEndingsAndUnknownKeysAreFine() {
        MtaStsResult r = check("crlf");
        assertEquals(List.of(), ids(r));
        assertEquals(MtaStsMode.ENFORCE, r.policy().mode());
        assertEquals(1209600L, r.policy().maxAge());
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        MtaStsResult r = check("redirect");
        assertEquals(HttpsFetchStatus.REDIRECT, r.fetch().status());
        assertEquals(301, r.fetch().httpStatus());
        assertEquals("https://mta-sts.enforce." + base + "/.well-known/mta-sts.txt", r.fetch().location());
        assertNull(r.policy(), "the target's policy was not fetched");
        assertEquals(List.of("MTA_STS_POLICY_REDIRECT"), ids(r));
    }

    @Test
    void anOversizedBodyStopsAtTheBound() {
        MtaStsResult r = check("oversized");
        assertEquals(HttpsFetchStatus.TOO_LARGE, r.fetch().status());
        assertEquals(MtaStsCheck.MAX_POLICY_BYTES + 1, r.fetch().bytes(), "reading stopped one byte past the bound");
        assertEquals(List.of("MTA_STS_POLICY_TOO_LARGE"), ids(r));
    }

    @Test
    void brokenPoliciesEndInNamedFindings() {
        assertEquals(List.of("MTA_STS_MX_PATTERN_INVALID"), ids(check("badmx")));
        assertEquals(List.of("MTA_STS_POLICY_DUPLICATE_KEY", "MTA_STS_MODE_TESTING"), ids(check("dupkey")), "the first mode counts");
        MtaStsResult missing = check("missing");
        assertEquals(404, missing.fetch().httpStatus());
        assertEquals(List.of("MTA_STS_POLICY_HTTP_STATUS"), ids(missing));
        MtaStsResult html = check("ctype");
        assertTrue(html.fetch().contentType().startsWith("text/html"));
        assertEquals(List.of("MTA_STS_POLICY_CONTENT_TYPE"), ids(html));
        assertEquals(MtaStsMode.ENFORCE, html.policy().mode(), "still parsed: only the type is wrong");
    }

    @Test
    void aCertificateForAnotherNameOrFromAnUntrustedCaIsRefused() {
        MtaStsResult wrong = check("wrongcert");
        assertEquals(HttpsFetchStatus.CERTIFICATE_INVALID, wrong.fetch().status());
        assertEquals(Boolean.FALSE, wrong.fetch().certificateValid());
        assertTrue(wrong.fetch().certificateError().contains("mta-sts.wrongcert." + base), wrong.fetch().certificateError());
        assertEquals(List.of("MTA_STS_POLICY_CERT_INVALID"), ids(wrong));

        MtaStsResult untrusted = check("enforce", TrustAnchors.jdkDefault());
        assertEquals(HttpsFetchStatus.CERTIFICATE_INVALID, untrusted.fetch().status());
        assertNull(untrusted.policy());
        assertEquals(List.of("MTA_STS_POLICY_CERT_INVALID"), ids(untrusted));
    }

    @Test
    void unreachablePolicyHostsAndDnsFailuresAreNamed() {
        MtaStsResult noAddress = check("noaddress");
        assertEquals(HttpsFetchStatus.HOST_NOT_FOUND, noAddress.fetch().status());
        assertEquals(List.of("MTA_STS_POLICY_UNREACHABLE"), ids(noAddress));

        MtaStsResult closed = check("closed");
        assertEquals(HttpsFetchStatus.CONNECT_FAILED, closed.fetch().status(), closed.fetch().toString());
        assertEquals(List.of("MTA_STS_POLICY_UNREACHABLE"), ids(closed));

        MtaStsResult dnsFail = check("dnsfail");
        assertEquals(List.of("MTA_STS_DNS_FAILED"), ids(dnsFail));
        assertNull(dnsFail.fetch(), "no fetch when the record lookup failed");
        assertFalse(dns.questions().contains("mta-sts.dnsfail." + base + " A"));
    }
}
