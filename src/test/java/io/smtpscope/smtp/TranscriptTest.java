package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptTest {
    /** Masks every "secret" and the word around it, as the session's redactor does. */
    private static final LineRedaction SECRET = line -> {
        String text = new String(line, StandardCharsets.UTF_8);
        String masked = text.replaceAll("\\S*secret\\S*", "***");
        return masked.equals(text) ? line : masked.getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void aProtocolLineIsMaskedBeforeItIsCut() {
        Transcript transcript = new Transcript(SECRET);
        String padding = "x".repeat(Transcript.MAX_LINE_CHARS - 12); // long enough to be cut, unless masked first
        transcript.client("AUTH " + padding + " secret-value");
        String line = transcript.lines().get(0);
        assertFalse(line.contains("secr"), line);
        assertTrue(line.endsWith(" ***"), line);
    }

    @Test
    void notesAreTheToolsOwnWordsAndAreNeverMasked() {
        Transcript transcript = new Transcript(SECRET);
        transcript.note("the secret handshake is ours");
        assertEquals("* the secret handshake is ours", transcript.lines().get(0));
    }

    @Test
    void withoutARedactionLinesAreCutAsBefore() {
        Transcript transcript = new Transcript();
        transcript.server("y".repeat(Transcript.MAX_LINE_CHARS + 10));
        assertTrue(transcript.lines().get(0).endsWith("... [13 more characters]"), transcript.lines().get(0));
    }
}
