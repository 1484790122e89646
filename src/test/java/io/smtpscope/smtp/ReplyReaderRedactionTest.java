package io.smtpscope.smtp;

import io.smtpscope.result.ErrorKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reader masks each line while it is raw; the protocol logic still reads the true text. */
class ReplyReaderRedactionTest {
    /** Masks every "A" (a one-letter password) and the word around it. */
    private static final LineRedaction LETTER_A = line -> {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        String masked = text.replaceAll("[^\\s]*A[^\\s]*", "***");
        return masked.equals(text) ? line : masked.getBytes(StandardCharsets.ISO_8859_1);
    };

    private static Deadline deadline() {
        return Deadline.of("test", 5_000, System.nanoTime() + 10_000_000_000L);
    }

    @Test
    void theProtocolReadsTheTrueTextAndEverythingShownIsMasked() throws IOException {
        List<String> seen = new ArrayList<>();
        SmtpReply reply = new ReplyReader(ChunkedTransport.of("250-mx.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"), LETTER_A)
                .read(deadline(), seen::add);
        assertEquals(List.of("PLAIN", "LOGIN"), EhloExtensions.fromReply(reply).authMechanisms());
        assertEquals(List.of("mx.test", "*** *** LOGIN", "8BITMIME"), reply.shownLines());
        assertEquals(List.of("250-mx.test", "250-*** *** LOGIN", "250 8BITMIME"), seen, "the reply code stays as it is");
        assertEquals("mx.test\n*** *** LOGIN\n8BITMIME", reply.shownText());
    }

    @Test
    void anErrorTextIsMaskedBeforeItIsCut() {
        String line = "~".repeat(70) + " zzAzz-and-more-of-the-secret";
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                () -> new ReplyReader(ChunkedTransport.of(line + "\r\n"), LETTER_A).read(deadline(), l -> { }));
        assertEquals(ErrorKind.MALFORMED_REPLY, e.kind());
        assertFalse(e.getMessage().contains("zz"), e.getMessage());
        assertFalse(new String(e.rawStart(), StandardCharsets.ISO_8859_1).contains("zzA"));
    }
}
