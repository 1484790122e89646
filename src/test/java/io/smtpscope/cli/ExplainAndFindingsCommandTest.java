package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.finding.FindingCatalogue;
import io.smtpscope.report.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainAndFindingsCommandTest {
    @Test
    void explainsAFindingId() {
        CliRun run = CliRun.of("explain", "starttls_stripped");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("STARTTLS_STRIPPED  [fail]  STARTTLS stripped by a middlebox"), run.out());
        assertTrue(run.out().contains("Remedy: ") && run.out().contains("References: RFC 3207 section 6"), run.out());
    }

    @Test
    void explainsADiagnosisId() {
        CliRun run = CliRun.of("explain", "OUTBOUND_PORT_25_BLOCKED");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Advice: ") && run.out().contains("(network diagnosis)"), run.out());
    }

    @Test
    void explainsReplyCodes() {
        assertTrue(CliRun.of("explain", "550").out().startsWith("550: Mailbox unavailable"));
        CliRun auth = CliRun.of("explain", "535", "5.7.8");
        assertEquals(0, auth.exit());
        assertTrue(auth.out().contains("5.7.8: Permanent: Authentication credentials invalid"), auth.out());
        assertTrue(CliRun.of("explain", "535 5.7.8").out().contains("Authentication credentials invalid"));
        assertTrue(CliRun.of("explain", "5.7.1").out().contains("policy rejection"));
        assertTrue(CliRun.of("explain", "454", "4.7.0").out().startsWith("454 4.7.0: Temporary failure: TLS not available"));
    }

    @Test
    void unknownIdIsAUsageErrorWithSuggestions() {
        CliRun run = CliRun.of("explain", "CERT_EXP");
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("did you mean CERT_EXPIRED, CERT_EXPIRES_SOON?"), run.err());
        assertEquals(ExitCodes.USAGE, CliRun.of("explain", "\u001b[31mHELLO").exit());
        assertFalse(CliRun.of("explain", "\u001b[31mHELLO").err().contains("\u001b"), "control characters are escaped");
    }

    @Test
    void findingsListsTheWholeCatalogue() {
        CliRun run = CliRun.of("findings");
        assertEquals(0, run.exit(), run.err());
        FindingCatalogue.bundled().entries().forEach(e -> assertTrue(run.out().contains(e.id()), e.id()));
        assertTrue(run.out().contains("TLS_INTERCEPTION"), "diagnoses listed too");
    }

    @Test
    void findingsWithAProfileMarksItsSeverities() {
        CliRun run = CliRun.of("findings", "--profile", "strict");
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("TLS_CBC_MODE") && l.contains("warn*")), run.out());
        assertTrue(run.out().contains("* severity set by profile strict"));
    }

    @Test
    void findingsAsJson() throws Exception {
        CliRun run = CliRun.of("findings", "--json");
        JsonNode json = Json.mapper().readTree(run.out());
        assertEquals(FindingCatalogue.bundled().entries().size(), json.get("findings").size());
        JsonNode first = json.get("findings").get(0);
        assertTrue(first.has("id") && first.has("severity") && first.has("remedy") && first.has("references"));
        assertEquals(7, json.get("diagnoses").size());
    }
}
