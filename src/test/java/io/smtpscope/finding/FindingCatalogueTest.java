package io.smtpscope.finding;

import io.smtpscope.result.Finding;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingCatalogueTest {
    private final FindingCatalogue catalogue = FindingCatalogue.bundled();

    /** The ids of the first release are public contract: scripts and profiles refer to them. */
    @Test
    void everyPublishedIdIsStillThere() {
        List<String> published = List.of("PORT_REFUSED", "PORT_TIMEOUT", "PORT_UNREACHABLE", "DNS_ERROR", "BANNER_TIMEOUT",
                "SERVICE_REJECTED", "SERVICE_RATE_LIMITED", "NOT_SMTP", "STARTTLS_NOT_OFFERED", "STARTTLS_STRIPPED",
                "STARTTLS_FAILED", "AUTH_BEFORE_TLS", "CERT_UNTRUSTED", "CERT_NAME_MISMATCH", "CERT_EXPIRED", "CERT_EXPIRES_SOON");
        published.forEach(id -> assertTrue(catalogue.contains(id), id));
    }

    @Test
    void coversWhatTheIssueAsksFor() {
        List<String> wanted = List.of("SLOW_BANNER", "SMTP_HELO_ONLY", "SMTP_NO_PIPELINING", "SMTP_NO_8BITMIME", "SMTP_NO_SIZE",
                "SMTP_NO_SMTPUTF8", "SMTP_NO_ENHANCEDSTATUSCODES", "GREETING_NAME_RDNS_MISMATCH", "GREETING_NAME_CERT_MISMATCH",
                "STARTTLS_TLS_BROKEN", "IMPLICIT_TLS_FAILED", "AUTH_PLAINTEXT_ONLY", "AUTH_NOT_OFFERED_SUBMISSION",
                "CERT_SELF_SIGNED", "CERT_CHAIN_INCOMPLETE", "CERT_CHAIN_ORDER", "CERT_NOT_YET_VALID", "CERT_WEAK_KEY",
                "CERT_SHA1_SIGNATURE", "TLS_LEGACY_PROTOCOL", "TLS_WEAK_CIPHER", "TLS_NO_FORWARD_SECRECY", "TLS_CBC_MODE",
                "TLS_NO_TLS13", "TLS_WEAK_DH");
        wanted.forEach(id -> assertTrue(catalogue.contains(id), id));
        List.of("SMTP_NO_PIPELINING", "SMTP_NO_8BITMIME", "SMTP_NO_SIZE", "SMTP_NO_SMTPUTF8", "SMTP_NO_ENHANCEDSTATUSCODES")
                .forEach(id -> assertEquals(Severity.INFO, catalogue.entry(id).orElseThrow().severity(), id));
    }

    @Test
    void everyEntryIsComplete() {
        for (FindingCatalogue.Entry e : catalogue.entries()) {
            assertTrue(e.id().matches("[A-Z][A-Z0-9_]+"), e.id());
            assertTrue(e.severity() != null, e.id());
            assertFalse(e.title().isBlank(), e.id());
            assertFalse(e.explanation().isBlank(), e.id());
            assertFalse(e.remedy().isBlank(), e.id());
            assertFalse(e.references().isEmpty(), e.id() + " has no references");
            // Where the two MTAs differ, the remedy names both.
            if (e.remedy().contains("Postfix")) {
                assertTrue(e.remedy().contains("Exim"), e.id() + " names a Postfix setting but no Exim one");
            }
        }
    }

    @Test
    void templatesAreFilledAndUnknownFactsStayVisible() {
        Finding f = catalogue.make("CERT_EXPIRED", Map.of("endpoint", "mx.a.test:25", "not_after", "2026-01-01T00:00:00Z",
                "days", "3", "ago", "3 days ago"), Optional.empty());
        assertEquals("The certificate of mx.a.test:25 expired on 2026-01-01T00:00:00Z (3 days ago).", f.explanation());
        assertEquals("{missing}", FindingCatalogue.fill("{missing}", Map.of()));
        assertEquals(Severity.WARN, catalogue.make("CERT_EXPIRED", Map.of(), Optional.of(Severity.WARN)).severity());
    }
}
