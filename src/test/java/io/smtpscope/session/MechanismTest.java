package io.smtpscope.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MechanismTest {
    @Test
    void insideTlsPlainIsPreferred() {
        assertEquals(Optional.of(Mechanism.PLAIN),
                Mechanism.choose(List.of("CRAM-MD5", "LOGIN", "PLAIN"), Credentials.Kind.PASSWORD, true));
        assertEquals(Optional.of(Mechanism.LOGIN), Mechanism.choose(List.of("LOGIN", "GSSAPI"), Credentials.Kind.PASSWORD, true));
    }

    @Test
    void withoutTlsCramMd5KeepsThePasswordOffTheWire() {
        assertEquals(Optional.of(Mechanism.CRAM_MD5),
                Mechanism.choose(List.of("PLAIN", "LOGIN", "CRAM-MD5"), Credentials.Kind.PASSWORD, false));
    }

    @Test
    void tokensGoOnlyWithXoauth2AndPasswordsNever() {
        assertEquals(Optional.of(Mechanism.XOAUTH2), Mechanism.choose(List.of("PLAIN", "XOAUTH2"), Credentials.Kind.OAUTH_TOKEN, true));
        assertEquals(Optional.empty(), Mechanism.choose(List.of("PLAIN"), Credentials.Kind.OAUTH_TOKEN, true));
        assertEquals(Optional.empty(), Mechanism.choose(List.of("XOAUTH2"), Credentials.Kind.PASSWORD, true));
    }

    @Test
    void parsesNamesCaseInsensitively() {
        assertEquals(Mechanism.CRAM_MD5, Mechanism.parse("cram-md5"));
        assertThrows(IllegalArgumentException.class, () -> Mechanism.parse("NTLM"));
    }
}
