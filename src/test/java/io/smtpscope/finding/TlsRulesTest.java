package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsRulesTest {
    private final FindingRules rules = new FindingRules(FindingCatalogue.bundled(), JudgePolicy.defaults());

    private static EndpointResult withTls(TlsResult tls) {
        return new EndpointResult("mx.example.com", "mx.example.com", "127.0.0.1", 25, Mode.STARTTLS,
                Reachability.OPEN, null, tls, null, null, null, List.of(), List.of(), List.of(), null, null);
    }

    private static TlsResult tls(Map<String, Boolean> protocols, Map<String, List<String>> suites, Integer dhBits) {
        return new TlsResult("TLSv1.2", null, null, protocols, suites, Map.of(), null, null, dhBits, null, 10, null, null);
    }

    private List<Finding> tlsFindings(TlsResult tls) {
        return rules.findings(withTls(tls)).stream().filter(f -> f.id().startsWith("TLS_")).toList();
    }

    private static Severity severityOf(List<Finding> findings, String id, String mentioning) {
        return findings.stream().filter(f -> f.id().equals(id) && f.explanation().contains(mentioning))
                .map(Finding::severity).findFirst().orElse(null);
    }

    @Test
    void oldTlsVersionsAreOneWarningNamingThemAll() {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        protocols.put("SSLv2", false);
        protocols.put("SSLv3", false);
        protocols.put("TLSv1", true);
        protocols.put("TLSv1.1", true);
        protocols.put("TLSv1.2", true);
        protocols.put("TLSv1.3", true);
        List<Finding> legacy = tlsFindings(tls(protocols, Map.of(), null)).stream()
                .filter(x -> x.id().equals("TLS_LEGACY_PROTOCOL")).toList();
        assertEquals(1, legacy.size(), legacy.toString());
        assertEquals(Severity.WARN, legacy.get(0).severity());
        assertTrue(legacy.get(0).explanation().contains("accepts TLSv1 and TLSv1.1."), legacy.get(0).explanation());
    }

    @Test
    void legacyServer() {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        protocols.put("SSLv2", false);
        protocols.put("SSLv3", true);
        protocols.put("TLSv1", true);
        protocols.put("TLSv1.1", false);
        protocols.put("TLSv1.2", true);
        protocols.put("TLSv1.3", false);
        List<Finding> f = tlsFindings(tls(protocols, Map.of("TLSv1.2", List.of("TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA")), 1024));
        assertEquals(Severity.FAIL, severityOf(f, "TLS_LEGACY_PROTOCOL", "accepts SSLv3 and TLSv1."), f.toString());
        assertEquals(1, f.stream().filter(x -> x.id().equals("TLS_LEGACY_PROTOCOL")).count(), "one finding names every old version");
        assertEquals(Severity.FAIL, severityOf(f, "TLS_WEAK_CIPHER", "RC4 cipher suites"), f.toString());
        assertEquals(Severity.WARN, severityOf(f, "TLS_WEAK_CIPHER", "3DES"), f.toString());
        assertEquals(Severity.WARN, severityOf(f, "TLS_NO_FORWARD_SECRECY", "TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertEquals(Severity.INFO, severityOf(f, "TLS_CBC_MODE", "TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertEquals(Severity.WARN, severityOf(f, "TLS_NO_TLS13", ""));
        assertEquals(Severity.WARN, severityOf(f, "TLS_WEAK_DH", "1024-bit"));
        assertTrue(f.stream().noneMatch(x -> x.explanation().contains("{")), "every placeholder filled");
    }

    @Test
    void modernServerHasNoTlsFindings() {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        for (String p : List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1")) {
            protocols.put(p, false);
        }
        protocols.put("TLSv1.2", true);
        protocols.put("TLSv1.3", true);
        assertEquals(List.of(), tlsFindings(tls(protocols, Map.of("TLSv1.3", List.of("TLS_AES_128_GCM_SHA256"),
                "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")), 2048)));
    }

    @Test
    void anonymousSuitesAreOnlyInfoOnAnOpportunisticMxButFailOnSubmission() {
        Map<String, List<String>> suites = Map.of("TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_DH_anon_WITH_AES_128_GCM_SHA256"));
        TlsResult tls = tls(Map.of("TLSv1.2", true), suites, null);
        assertEquals(Severity.INFO, severityOf(rules.findings(withTls(tls)), "TLS_WEAK_CIPHER", "anonymous"));
        EndpointResult submission = new EndpointResult("mx.example.com:587", "mx.example.com", "127.0.0.1", 587,
                Mode.STARTTLS, Reachability.OPEN, null, tls, null, null, null, List.of(), List.of(), List.of(), null, null);
        assertEquals(Severity.FAIL, severityOf(rules.findings(submission), "TLS_WEAK_CIPHER", "anonymous"));
    }

    @Test
    void untestedIsNotJudged() {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        protocols.put("TLSv1.2", true);
        protocols.put("TLSv1.3", null);
        protocols.put("SSLv3", null);
        assertEquals(List.of(), tlsFindings(tls(protocols, Map.of(), null)));
        assertEquals(Severity.FAIL, tlsFindings(tls(Map.of(), Map.of(), 768)).get(0).severity());
    }
}
