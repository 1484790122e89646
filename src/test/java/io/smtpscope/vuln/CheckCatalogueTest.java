package io.smtpscope.vuln;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCatalogueTest {
    @Test
    void safeExpandsToEveryCheckInRunningOrderEachOnce() {
        assertEquals(CheckCatalogue.safeIds(), CheckCatalogue.resolve(List.of("robot", "safe", "heartbleed")));
        assertEquals(List.of("fallback_scsv", "secure_renegotiation", "client_renegotiation", "heartbleed", "ccs_injection",
                "robot", "starttls_injection"), CheckCatalogue.safeIds(), "the TLS checks, then the SMTP-layer one");
        assertEquals(List.of(), CheckCatalogue.resolve(List.of()));
        assertEquals(List.of("heartbleed", "robot"), CheckCatalogue.resolve(List.of("robot", "heartbleed")));
    }

    @Test
    void theSmugglingCheckIsOptInAndNoProfileCanNameIt() {
        assertTrue(CheckCatalogue.byId("smtp_smuggling").map(e -> !e.safe()).orElse(false), "listed, and opt-in");
        assertTrue(!CheckCatalogue.safeIds().contains("smtp_smuggling"), "'safe' never expands to it");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckCatalogue.resolve(List.of("smtp_smuggling")));
        assertTrue(e.getMessage().contains("opt-in"), e.getMessage());
    }

    @Test
    void anUnknownIdIsAnErrorThatListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckCatalogue.resolve(List.of("hearbleed")));
        assertTrue(e.getMessage().startsWith("unknown vulnerability check 'hearbleed' (known: safe, fallback_scsv"), e.getMessage());
    }

    @Test
    void everyCheckIdIsSnakeCaseAndHasItsOwnFinding() {
        var catalogue = io.smtpscope.finding.FindingCatalogue.bundled();
        for (CheckCatalogue.Entry entry : CheckCatalogue.entries()) {
            assertTrue(entry.id().matches("[a-z][a-z0-9_]*"), entry.id());
            assertTrue(catalogue.contains("VULN_" + entry.id().toUpperCase(java.util.Locale.ROOT)), entry.id());
            if (entry.safe()) {
                assertEquals(entry.id(), entry.factory().get().id());
            }
        }
    }
}
