package io.smtpscope.smtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the parsers of server replies, with the invariants of
 * {@link ReplyReaderFuzzTest} and {@link EhloExtensionsFuzzTest}. A normal build replays the committed corpus
 * (src/test/resources/io/smtpscope/smtp/SmtpParsersJazzerTestInputs/METHOD/); {@code JAZZER_FUZZ=1} explores new
 * inputs and writes any crash there as a new regression case.
 */
class SmtpParsersJazzerTest {
    @FuzzTest(maxDuration = "60s")
    void replyReaderOnlyThrowsItsOwnExceptions(FuzzedDataProvider data) {
        List<Integer> chunks = new ArrayList<>();
        int pieces = data.consumeInt(0, 8);
        for (int i = 0; i < pieces; i++) {
            chunks.add(data.consumeInt(1, 5000));
        }
        boolean timeoutAtEnd = data.consumeBoolean();
        byte[] wire = data.consumeRemainingAsBytes();
        ReplyReaderFuzzTest.readAll(ChunkedTransport.split(wire, chunks, timeoutAtEnd));
    }

    @FuzzTest(maxDuration = "60s")
    void fragmentationNeverChangesTheReplies(FuzzedDataProvider data) {
        List<Integer> chunks = new ArrayList<>();
        int pieces = data.consumeInt(1, 8);
        for (int i = 0; i < pieces; i++) {
            chunks.add(data.consumeInt(1, 64));
        }
        byte[] wire = data.consumeRemainingAsBytes();
        assertEquals(ReplyReaderFuzzTest.readAll(ChunkedTransport.split(wire, List.of(), false)),
                ReplyReaderFuzzTest.readAll(ChunkedTransport.split(wire, chunks, false)));
    }

    @FuzzTest(maxDuration = "60s")
    void ehloExtensionsParseAnyLines(FuzzedDataProvider data) {
        String keyword = data.consumeString(40);
        List<String> lines = new ArrayList<>();
        int count = data.consumeInt(1, 40);
        for (int i = 0; i < count; i++) {
            lines.add(data.consumeString(300));
        }
        EhloExtensions extensions = EhloExtensions.fromReply(new SmtpReply(250, lines));
        assertEquals(lines.size() - 1, extensions.lines().size()
                + (int) lines.stream().skip(1).filter(l -> l.strip().isEmpty()).count());
        extensions.has(keyword);
        extensions.parameters(keyword).forEach(p -> assertTrue(!p.isEmpty() && p.chars().noneMatch(Character::isWhitespace)));
    }
}
