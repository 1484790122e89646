package io.smtpscope.target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetParserTest {
    @Test
    void hostAlone() {
        TargetSpec t = TargetParser.parse("Mail.Example.COM");
        assertEquals("mail.example.com", t.host());
        assertEquals("Mail.Example.COM", t.given());
        assertEquals(Optional.empty(), t.port());
        assertEquals(Optional.empty(), t.mode());
        assertFalse(t.isAddressLiteral());
    }

    @Test
    void hostWithPortAndTrailingDot() {
        TargetSpec t = TargetParser.parse("mail.example.com.:2525");
        assertEquals("mail.example.com", t.host());
        assertEquals(Optional.of(2525), t.port());
    }

    @Test
    void ipv4WithAndWithoutPort() {
        assertEquals("192.0.2.1", TargetParser.parse("192.0.2.1").host());
        TargetSpec t = TargetParser.parse("192.0.2.1:587");
        assertEquals("192.0.2.1", t.host());
        assertEquals(Optional.of(587), t.port());
        assertTrue(t.isAddressLiteral());
    }

    @Test
    void bracketedIpv6WithPort() {
        TargetSpec t = TargetParser.parse("[2001:db8::1]:587");
        assertEquals("2001:db8::1", t.host());
        assertEquals(Optional.of(587), t.port());
        assertTrue(t.isAddressLiteral());
        assertEquals(Optional.empty(), TargetParser.parse("[::1]").port());
    }

    @Test
    void bareIpv6HasNoPort() {
        TargetSpec t = TargetParser.parse("2001:db8::25");
        assertEquals("2001:db8::25", t.host());
        assertEquals(Optional.empty(), t.port(), "the last group is part of the address, not a port");
    }

    @Test
    void modeSuffix() {
        TargetSpec t = TargetParser.parse("mail.example.com:2465/implicit-tls");
        assertEquals(Optional.of(2465), t.port());
        assertEquals(Optional.of(Mode.IMPLICIT_TLS), t.mode());
        assertEquals(Optional.of(Mode.PLAIN), TargetParser.parse("[::1]:25/plain").mode());
        assertEquals(Optional.of(Mode.STARTTLS), TargetParser.parse("mail.example.com/starttls").mode());
        assertEquals(Optional.of(Mode.IMPLICIT_TLS), TargetParser.parse("mail.example.com:465/smtps").mode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetParser.parse("mail.example.com:25/bogus"));
        assertTrue(e.getMessage().contains("unknown mode 'bogus'"), e.getMessage());
    }

    @Test
    void internationalNameBecomesItsALabel() {
        assertEquals("xn--bcher-kva.example", TargetParser.parse("bücher.example").host());
        assertEquals("xn--mnchen-3ya.test", TargetParser.parse("MÜNCHEN.test:25").host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.com:0", "mail.example.com:65536", "mail.example.com:99999",
            "mail.example.com:-1", "mail.example.com:", "mail.example.com:25x", "[::1]:0", "[::1]:abc",
            "192.0.2.1:123456"})
    void invalidPortsAreRejectedWithAReason(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetParser.parse(text));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "mail example.com", "exa\tmple.com", "host\u0000name", "[2001:db8::1",
            "[mail.example.com]", "[::1]x", "999.1.1.1", "1.2.3", "-bad-.example.com", "a..b", "under score!.test",
            "2001:db8::zz", "http://mail.example.com", "*.example.com"})
    void junkIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetParser.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetParser.parse("a\u0007b.test"));
        assertTrue(e.getMessage().contains("\\x07"), e.getMessage());
        assertFalse(e.getMessage().contains("\u0007"));
    }

    @Test
    void overlongNameIsRejected() {
        String name = ("a".repeat(60) + ".").repeat(5) + "test";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetParser.parse(name));
        assertTrue(e.getMessage().contains("253"), e.getMessage());
    }
}
