package io.smtpscope.finding;

import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.DaneOutcome;
import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.DomainDane;
import io.smtpscope.result.DomainDnssec;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.EndpointDane;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.HostDane;
import io.smtpscope.result.MxRecordSeen;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.TlsCertificateSeen;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.TlsaMatch;
import io.smtpscope.result.TlsaSeen;
import io.smtpscope.target.MxOrigin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.smtpscope.result.Synthetic.endpoint;
import static io.smtpscope.result.Synthetic.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainRulesTest {
    private static final DomainRules RULES = new DomainRules(FindingCatalogue.bundled(), JudgePolicy.defaults());
    private static final TlsaSeen EE = new TlsaSeen(3, 1, 1, "ab".repeat(32), true, null);

    private static HostDane host(String name, DaneStatus status) {
        return new HostDane(name, null, DnssecState.SECURE, "_25._tcp." + name, DnssecState.SECURE, status,
                status == DaneStatus.USABLE ? List.of(EE) : List.of(), null);
    }

    private static DomainResult domain(DnssecState mx, HostDane... hosts) {
        return DomainResult.observed("a.test", List.of(new MxRecordSeen(10, "mx1.a.test", mx == DnssecState.SECURE)),
                new DomainDnssec(mx, mx == DnssecState.BOGUS ? "signature expired" : null), new DomainDane(List.of(hosts)));
    }

    private static EndpointResult mxEndpoint(String host, String address, DaneOutcome outcome) {
        EndpointResult e = endpoint(host, 25).address(address).healthy().mx(MxOrigin.exchange("a.test", 10, host)).build();
        return outcome == null ? e : e.withDane(new EndpointDane("_25._tcp." + host, outcome,
                List.of(new TlsaMatch(EE, outcome == DaneOutcome.AUTHENTICATED, "x")), "y"));
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void everyDnsStateHasItsFinding() {
        assertEquals(List.of("DNSSEC_MX_BOGUS"), ids(RULES.findings(domain(DnssecState.BOGUS), List.of())));
        assertEquals(List.of("DNSSEC_NOT_SIGNED"), ids(RULES.findings(domain(DnssecState.INSECURE), List.of())));
        assertEquals(List.of("DNSSEC_NOT_CHECKED"), ids(RULES.findings(domain(DnssecState.UNKNOWN), List.of())));
        DomainResult failed = DomainResult.observed("a.test", List.of(), new DomainDnssec(DnssecState.UNKNOWN, "timed out"),
                new DomainDane(List.of()));
        assertEquals(List.of("DOMAIN_MX_LOOKUP_FAILED"), ids(RULES.findings(failed, List.of())));
        assertEquals(List.of("DANE_NOT_PUBLISHED", "DANE_TLSA_BOGUS", "DANE_TLSA_LOOKUP_FAILED", "DANE_TLSA_UNUSABLE"),
                ids(RULES.findings(domain(DnssecState.SECURE, host("a", DaneStatus.NO_TLSA), host("b", DaneStatus.TLSA_BOGUS),
                        host("c", DaneStatus.LOOKUP_FAILED), host("d", DaneStatus.UNUSABLE_ONLY), host("e", DaneStatus.USABLE)),
                        List.of())));
        Finding bogus = RULES.findings(domain(DnssecState.BOGUS), List.of()).get(0);
        assertTrue(bogus.explanation().contains("a.test") && bogus.explanation().contains("signature expired"), bogus.explanation());
    }

    @Test
    void differencesBetweenMxAddressesAreDomainFindings() {
        EndpointResult one = mxEndpoint("mx1.a.test", "192.0.2.1", null);
        EndpointResult two = endpoint("mx2.a.test", 25).address("192.0.2.2").healthy()
                .starttls(new StartTlsResult(false, false, false, null, null, null, null, null)).noTls()
                .mx(MxOrigin.exchange("a.test", 20, "mx2.a.test")).build();
        List<String> ids = ids(RULES.findings(domain(DnssecState.SECURE), List.of(one, two)));
        assertTrue(ids.contains("DOMAIN_STARTTLS_DIFFERS"), ids.toString());
        assertTrue(ids.contains("DOMAIN_BANNER_DIFFERS"), ids.toString());
        assertFalse(ids.contains("DOMAIN_CERTIFICATE_DIFFERS"), "only one endpoint presented a certificate");

        ChainCertificate other = new ChainCertificate("CN=mx2.a.test", "CN=CA", "2", null, null, List.of(), "EC", 256,
                "SHA256withECDSA", "ff");
        EndpointResult three = endpoint("mx2.a.test", 25).address("192.0.2.3").healthy().tls("TLSv1.2")
                .certificate(trusted("mx2.a.test", 60, other)).mx(MxOrigin.exchange("a.test", 20, "mx2.a.test")).build();
        List<String> more = ids(RULES.findings(domain(DnssecState.SECURE), List.of(one, three)));
        assertTrue(more.contains("DOMAIN_CERTIFICATE_DIFFERS") && more.contains("DOMAIN_TLS_VERSIONS_DIFFER"), more.toString());
        assertFalse(more.contains("DOMAIN_STARTTLS_DIFFERS"), more.toString());
    }

    @Test
    void anMxAddressWithoutTheSecondCertificateDiffersWhicheverOneItsProbeGot() {
        ChainCertificate rsa = new ChainCertificate("CN=mx.a.test", "CN=CA", "1", null, null, List.of(), "RSA", 2048,
                "SHA256withRSA", "aa");
        ChainCertificate ec = new ChainCertificate("CN=mx.a.test", "CN=CA", "2", null, null, List.of(), "EC", 256,
                "SHA256withECDSA", "ee");
        List<TlsCertificateSeen> both = List.of(new TlsCertificateSeen("RSA", 2048, "CN=mx.a.test", "aa"),
                new TlsCertificateSeen("EC", 256, "CN=mx.a.test", "ee"));
        EndpointResult rsaProbeBoth = dual("192.0.2.1", rsa, both);
        EndpointResult ecProbeBoth = dual("192.0.2.2", ec, both);
        EndpointResult rsaOnly = dual("192.0.2.3", rsa, List.of(both.get(0)));
        assertFalse(ids(RULES.findings(domain(DnssecState.SECURE), List.of(rsaProbeBoth, ecProbeBoth)))
                .contains("DOMAIN_CERTIFICATE_DIFFERS"), "the same two certificates, whichever each probe negotiated");
        List<Finding> findings = RULES.findings(domain(DnssecState.SECURE), List.of(rsaProbeBoth, rsaOnly));
        assertTrue(ids(findings).contains("DOMAIN_CERTIFICATE_DIFFERS"), ids(findings).toString());
        String explanation = findings.stream().filter(f -> f.id().equals("DOMAIN_CERTIFICATE_DIFFERS")).findFirst().orElseThrow()
                .explanation();
        assertTrue(explanation.contains("aa + ee"), explanation);
    }

    private static EndpointResult dual(String address, ChainCertificate probed, List<TlsCertificateSeen> seen) {
        return endpoint("mx.a.test", 25).address(address).healthy()
                .tls(new TlsResult("TLSv1.3", "TLS_AES_128_GCM_SHA256", "mx.a.test", null, null, null, null, null, null, null, 10,
                        seen, null))
                .certificate(trusted("mx.a.test", 60, probed)).mx(MxOrigin.exchange("a.test", 10, "mx.a.test")).build();
    }

    @Test
    void anUnreachableMxAddressIsSaidWhenOthersAnswer() {
        EndpointResult down = endpoint("mx2.a.test", 25).address("192.0.2.2").reachability(Reachability.TIMEOUT)
                .mx(MxOrigin.exchange("a.test", 20, "mx2.a.test")).build();
        Finding f = RULES.findings(domain(DnssecState.SECURE), List.of(mxEndpoint("mx1.a.test", "192.0.2.1", null), down)).stream()
                .filter(x -> x.id().equals("DOMAIN_MX_PARTLY_UNREACHABLE")).findFirst().orElseThrow();
        assertTrue(f.explanation().contains("1 of 2") && f.explanation().contains("192.0.2.2"), f.explanation());
    }

    @Test
    void verdictSaysDeliveryAndDowngradeProtectionInPlainWords() {
        DomainResult dane = domain(DnssecState.SECURE, host("mx1.a.test", DaneStatus.USABLE));
        List<EndpointResult> three = List.of(mxEndpoint("mx1.a.test", "192.0.2.1", DaneOutcome.AUTHENTICATED),
                mxEndpoint("mx1.a.test", "192.0.2.2", DaneOutcome.AUTHENTICATED),
                mxEndpoint("mx1.a.test", "2001:db8::1", DaneOutcome.AUTHENTICATED));
        assertEquals("delivery over TLS: yes on all 3 MX addresses; downgrade protection: DANE valid (DNSSEC); "
                + "MTA-STS: not checked; reporting: not checked", DomainVerdict.of(dane, three));
        List<EndpointResult> oneFails = List.of(three.get(0), mxEndpoint("mx1.a.test", "192.0.2.2", DaneOutcome.NO_MATCH));
        assertTrue(DomainVerdict.of(dane, oneFails).contains("DANE failing: 1 of 2"), DomainVerdict.of(dane, oneFails));
        assertTrue(DomainVerdict.of(domain(DnssecState.INSECURE), List.of()).contains("no MX address to deliver to"));
        assertTrue(DomainVerdict.of(domain(DnssecState.INSECURE), three).contains("not DNSSEC-signed"));
        EndpointResult plain = endpoint("mx2.a.test", 25).healthy().noTls().mx(MxOrigin.exchange("a.test", 20, "mx2.a.test")).build();
        assertTrue(DomainVerdict.of(dane, List.of(three.get(0), plain)).startsWith("delivery over TLS: partly (TLS on 1 of 2"),
                DomainVerdict.of(dane, List.of(three.get(0), plain)));
    }
}
