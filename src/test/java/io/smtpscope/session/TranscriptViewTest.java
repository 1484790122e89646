package io.smtpscope.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TranscriptViewTest {
    @Test
    void decodesChallengesAndRedacts() {
        Redactor redactor = Redactor.of(new Credentials("u", "hunter2", Credentials.Kind.PASSWORD));
        // A challenge that decodes to the password itself (a line the transcript did not mask) is masked once decoded.
        assertEquals(List.of("S: 334 VXNlcm5hbWU6   [Username:]", "S: 334 eW91ciBwYXNzd29yZDogaHVudGVyMg==   [your password: ***]",
                        "* notes are the tool's own: hunter2 stays", "C: EHLO x"),
                TranscriptView.render(List.of("S: 334 VXNlcm5hbWU6", "S: 334 eW91ciBwYXNzd29yZDogaHVudGVyMg==",
                        "* notes are the tool's own: hunter2 stays", "C: EHLO x"), redactor));
    }

    @Test
    void controlCharactersInDecodedChallengesAreEscaped() {
        assertEquals("S: 334 AAE=   [\\x00\\x01]", TranscriptView.annotate("S: 334 AAE=", io.smtpscope.smtp.LineRedaction.NONE));
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertEquals("Credentials[user=u, PASSWORD=***]", new Credentials("u", "hunter2", Credentials.Kind.PASSWORD).toString());
    }
}
