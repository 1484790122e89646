package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EhloExtensionsTest {
    private static EhloExtensions ehlo(String... extensionLines) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("mail.example.com Hello");
        lines.addAll(List.of(extensionLines));
        return EhloExtensions.fromReply(new SmtpReply(250, lines));
    }

    @Test
    void firstLineIsTheGreetingNotAnExtension() {
        EhloExtensions e = ehlo("PIPELINING", "SIZE 10240000");
        assertEquals(List.of("PIPELINING", "SIZE 10240000"), e.lines());
        assertFalse(e.has("mail.example.com"));
    }

    @Test
    void keywordsCompareCaseInsensitivelyAndCarryParameters() {
        EhloExtensions e = ehlo("size 10240000", "8BITMIME", "DSN");
        assertTrue(e.has("SIZE"));
        assertEquals(List.of("10240000"), e.parameters("SIZE"));
        assertEquals(List.of(), e.parameters("8BITMIME"));
        assertEquals(List.of(), e.parameters("STARTTLS"));
        assertFalse(e.has("STARTTLS"));
    }

    @Test
    void authMechanismsFromBothFormsWithoutDuplicates() {
        EhloExtensions e = ehlo("AUTH PLAIN LOGIN CRAM-MD5", "AUTH=LOGIN PLAIN", "auth xoauth2");
        assertEquals(List.of("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"), e.authMechanisms());
        assertTrue(e.has("AUTH"));
    }

    @Test
    void onlyTheOldAuthEqualsForm() {
        assertEquals(List.of("LOGIN", "PLAIN"), ehlo("AUTH=LOGIN PLAIN").authMechanisms());
        assertEquals(List.of(), ehlo("AUTHX PLAIN", "PIPELINING").authMechanisms());
        assertEquals(List.of(), EhloExtensions.none().authMechanisms());
    }

    @Test
    void ciscoMaskedStartTlsIsDetected() {
        assertEquals(Optional.of("XXXXXXXA"), ehlo("PIPELINING", "XXXXXXXA", "8BITMIME").maskedStartTls());
        assertEquals(Optional.of("XXXXXXXB"), ehlo("XXXXXXXB").maskedStartTls());
        assertEquals(Optional.of("********"), ehlo("********").maskedStartTls());
    }

    @Test
    void normalKeywordsAreNotMistakenForAMaskedStartTls() {
        EhloExtensions e = ehlo("PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME", "SMTPUTF8", "CHUNKING",
                "ENHANCEDSTATUSCODES", "BINARYMIME", "DELIVERBY", "XCLIENTS", "XFORWARD", "XEXCH50", "X-EXPS GSSAPI");
        assertEquals(Optional.empty(), e.maskedStartTls());
        assertEquals(Optional.empty(), ehlo("XXXXXXX").maskedStartTls(), "seven characters is not STARTTLS-sized");
        assertEquals(Optional.empty(), ehlo("XXXXXXXXA").maskedStartTls(), "nine characters is not STARTTLS-sized");
    }
}
