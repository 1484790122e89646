package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.diagnosis.DiagnosisCatalogue;
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
        assertTrue(auth.out().startsWith("535 5.7.8: The server rejected the credentials"), auth.out());
        assertTrue(CliRun.of("explain", "535 5.7.8").out().contains("rejected the credentials"));
        assertTrue(CliRun.of("explain", "5.7.1").out().contains("policy rejection"));
        assertTrue(CliRun.of("explain", "454", "4.7.0").out().startsWith("454 4.7.0: Temporary failure: TLS not available"));
    }

    @Test
    void aLoginReplyIsExplainedOnceWithTheLoginAdvice() {
        CliRun run = CliRun.of("explain", "535", "5.7.8");
        assertEquals(1, run.out().split("credentials", -1).length - 1 - run.out().split("Check the credentials", -1).length + 1,
                "the meaning is said once: " + run.out());
        assertTrue(run.out().contains("Likely causes:") && run.out().contains("app-specific password"), run.out());
        assertTrue(run.out().contains("What to try:") && run.out().contains("webmail"), run.out());
    }

    @Test
    void aReplyIsExplainedInAnswerToTheCommandNamed() {
        CliRun rcpt = CliRun.of("explain", "554", "--command", "rcpt");
        assertEquals(0, rcpt.exit(), rcpt.err());
        assertTrue(rcpt.out().startsWith("554 (in answer to rcpt): The server refused this recipient"), rcpt.out());
        assertTrue(CliRun.of("explain", "554", "--command", "greeting").out().contains("no SMTP service here for you"));
        CliRun bad = CliRun.of("explain", "554", "--command", "bogus");
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().contains("is not one of greeting"), bad.err());
    }

    @Test
    void explainJsonPrintsJsonForRepliesToo() throws Exception {
        JsonNode reply = Json.mapper().readTree(CliRun.of("explain", "535", "5.7.8", "--json").out());
        assertEquals(535, reply.get("code").asInt());
        assertEquals("5.7.8", reply.get("enhanced_code").asText());
        assertTrue(reply.get("explanation").asText().contains("rejected the credentials"), reply.toString());
        assertTrue(reply.get("causes").size() > 0 && reply.get("try").size() > 0, reply.toString());
        JsonNode enhanced = Json.mapper().readTree(CliRun.of("explain", "5.7.1", "--json").out());
        assertTrue(enhanced.get("explanation").asText().contains("policy rejection"), enhanced.toString());
        JsonNode diagnosis = Json.mapper().readTree(CliRun.of("explain", "NO_MAIL_PORT_REACHABLE", "--json").out());
        assertEquals("NO_MAIL_PORT_REACHABLE", diagnosis.get("id").asText());
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
        assertEquals(DiagnosisCatalogue.bundled().entries().size(), json.get("diagnoses").size());
        assertTrue(json.get("diagnoses").toString().contains("NO_MAIL_PORT_REACHABLE"), json.toString());
    }
}
