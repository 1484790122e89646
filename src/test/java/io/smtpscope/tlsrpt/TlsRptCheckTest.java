package io.smtpscope.tlsrpt;

import io.smtpscope.dns.DnsTxtSource;
import io.smtpscope.dns.LoopbackDnsServer;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.result.Finding;
import io.smtpscope.result.TlsRptResult;
import io.smtpscope.result.TxtStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS-RPT records answered by the in-JVM DNS server, read through the scan's DNS client. */
class TlsRptCheckTest {
    private LoopbackDnsServer dns;
    private TlsRptCheck check;

    @BeforeEach
    void setUp() throws Exception {
        dns = new LoopbackDnsServer()
                .txt("_smtp._tls.good.test", "v=TLSRPTv1; rua=mailto:tls@good.test")
                .txt("_smtp._tls.good.test", "unrelated text")
                .txt("_smtp._tls.two.test", "v=TLSRPTv1; rua=mailto:a@two.test")
                .txt("_smtp._tls.two.test", "v=TLSRPTv1; rua=mailto:b@two.test")
                .txt("_smtp._tls.bad.test", "v=TLSRPTv1; rua=tls@bad.test")
                .txt("_smtp._tls.norua.test", "v=TLSRPTv1;")
                .txt("_smtp-tlsrpt.old.test", "v=TLSRPTv1; rua=mailto:tls@old.test")
                .servfail("_smtp._tls.fail.test");
        check = new TlsRptCheck(DnsTxtSource.using(dns.client(Duration.ofSeconds(3), 2)));
    }

    @AfterEach
    void tearDown() throws Exception {
        dns.close();
    }

    private TlsRptResult run(String domain) {
        TlsRptResult r = check.check(domain, new DomainFindings(domain));
        for (Finding f : r.findings()) {
            assertFalse((f.explanation() + f.remedy()).matches("(?s).*\\{[a-z_]+}.*"), "unfilled template: " + f);
        }
        return r;
    }

    private static List<String> ids(TlsRptResult r) {
        return r.findings().stream().map(Finding::id).toList();
    }

    @Test
    void oneValidRecordIsAllThatIsWanted() {
        TlsRptResult r = run("good.test");
        assertEquals(TxtStatus.FOUND, r.dnsStatus());
        assertEquals(List.of("mailto:tls@good.test"), r.rua());
        assertEquals(2, r.records().size());
        assertFalse(r.legacyRecord());
        assertEquals(List.of(), ids(r));
    }

    @Test
    void everyBrokenVariantIsNamed() {
        assertEquals(List.of("TLS_RPT_RECORD_MULTIPLE"), ids(run("two.test")));
        assertEquals(List.of("TLS_RPT_RUA_INVALID"), ids(run("bad.test")));
        assertEquals(List.of("TLS_RPT_RECORD_MALFORMED"), ids(run("norua.test")));
        TlsRptResult none = run("nothing.test");
        assertEquals(TxtStatus.NO_RECORDS, none.dnsStatus());
        assertEquals(List.of("TLS_RPT_NONE"), ids(none));
    }

    @Test
    void theOldNameIsFlaggedAndAFailedLookupIsNotNone() {
        TlsRptResult old = run("old.test");
        assertTrue(old.legacyRecord());
        assertEquals(List.of("TLS_RPT_LEGACY_NAME"), ids(old));
        assertTrue(old.findings().get(0).explanation().contains("no valid record at _smtp._tls.old.test"));

        TlsRptResult fail = run("fail.test");
        assertEquals(TxtStatus.FAILED, fail.dnsStatus());
        assertTrue(fail.dnsError().contains("SERVFAIL"));
        assertEquals(List.of("TLS_RPT_DNS_FAILED"), ids(fail));
    }
}
