package io.smtpscope.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class RedactorTest {
    private static final String USER = "alice@example.com";

    private static Redactor redactor(String secret) {
        return Redactor.of(new Credentials(USER, secret, Credentials.Kind.PASSWORD));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theWholeSecretMasksTheWordItIsIn() {
        assertEquals("535 bad password *** for you", redactor("hunter2").redact("535 bad password hunter2 for you"));
        assertEquals("535 bad password *** for you", redactor("hunter2").redact("535 bad password (hunter2) for you"));
    }

    @Test
    void aSecretWithControlCharactersIsFoundRawBeforeItIsEscaped() {
        assertEquals("535 *** end", redactor("pa\tss\u001b[2J").redact("535 pa\tss\u001b[2J end"));
    }

    @Test
    void aPlainMessageCutAnywhereInsideTheSecretIsMasked() {
        String sent = b64("\0" + USER + "\0" + "correct-horse-battery-staple");
        int secretStart = 8 * (USER.length() + 2) / 6;
        for (int cut = secretStart + 1; cut <= sent.length(); cut++) {
            assertEquals("535 you sent ***", redactor("correct-horse-battery-staple").redact("535 you sent " + sent.substring(0, cut)),
                    "cut at " + cut);
        }
    }

    @Test
    void aPieceOfTheSecretReEncodedAtAnyAlignmentIsMasked() {
        String secret = "0123456789abcdefghij";
        for (int from = 0; from < 6; from++) {
            assertEquals("334 ***", redactor(secret).redact("334 " + b64(secret.substring(from, from + 9))), "from " + from);
        }
    }

    @Test
    void base64OfTheUserNameAloneIsNotSecret() {
        // LOGIN sends the user name in base64 on its own line; the transcript must keep showing it.
        String line = b64(USER) + "   [" + USER + "]";
        assertEquals(line, redactor("hunter2").redact(line));
    }

    @Test
    void aOneLetterPasswordMasksTheWordsThatHoldItNotTheLetterInEach() {
        assertEquals("220 *** ESMTP ***", redactor("e").redact("220 mx.example.com ESMTP ready"));
    }

    @Test
    void nothingToMaskReturnsTheSameLine() {
        byte[] line = "250 ok".getBytes(StandardCharsets.US_ASCII);
        assertSame(line, redactor("hunter2").redact(line));
        assertSame(line, Redactor.none().redact(line));
    }
}
