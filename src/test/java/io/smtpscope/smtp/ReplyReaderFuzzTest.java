package io.smtpscope.smtp;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of the SMTP reply parser: whatever bytes a server sends, in whatever fragments, the
 * reader either returns bounded replies or throws one of our own typed {@link IOException}s.
 * Cases: 1000 per property; a longer run is documented in src/test/java/io/smtpscope/hostile/README.md.
 */
class ReplyReaderFuzzTest {
    private static final long FAR = System.nanoTime() + 60_000_000_000L;

    /** Reads replies until the stream fails; returns what was read, as text, plus the failure's class name. */
    static List<String> readAll(Transport transport) {
        ReplyReader reader = new ReplyReader(transport);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            try {
                SmtpReply reply = reader.read(Deadline.of("fuzz", 60_000, FAR), line -> { });
                assertTrue(reply.lines().size() <= ReplyReader.MAX_REPLY_LINES, "reply lines bounded");
                reply.lines().forEach(l -> assertTrue(l.length() <= 4 * ReplyReader.MAX_LINE_BYTES, "line bounded"));
                assertTrue(reply.code() >= 200 && reply.code() <= 599, "code in range " + reply.code());
                out.add(reply.code() + " " + reply.lines());
            } catch (ProtocolViolationException | ConnectionClosedException | PhaseTimeoutException expected) {
                out.add(expected.getClass().getSimpleName() + ": " + expected.getMessage());
                return out;
            } catch (IOException other) {
                throw new AssertionError("unexpected IOException type " + other.getClass(), other);
            }
        }
        throw new AssertionError("the reader never stopped");
    }

    record Chunked(byte[] data, List<Integer> chunks, boolean timeoutAtEnd) {
    }

    record Replies(List<List<String>> replies, List<Integer> endings, List<Integer> chunks) {
    }

    @Test
    void arbitraryBytesInArbitraryChunksOnlyThrowOurExceptions() {
        RandomInputs.forAll(1000, r -> new Chunked(r.bytes(0, 12_000), r.ints(0, 8, 1, 5000), r.bool()),
                input -> readAll(ChunkedTransport.split(input.data(), input.chunks(), input.timeoutAtEnd())));
    }

    @Test
    void fragmentationNeverChangesTheResult() {
        RandomInputs.forAll(1000, r -> new Chunked(smtpish(r), r.ints(1, 8, 1, 64), false),
                input -> assertEquals(readAll(ChunkedTransport.split(input.data(), List.of(), false)),
                        readAll(ChunkedTransport.split(input.data(), input.chunks(), false))));
    }

    @Test
    void wellFormedRepliesParseWithAnyLineEnding() {
        RandomInputs.forAll(1000, r -> new Replies(replies(r), r.ints(1, 3, 0, 2), r.ints(1, 8, 1, 64)), input -> {
            List<Integer> endings = input.endings();
            StringBuilder wire = new StringBuilder();
            List<String> expected = new ArrayList<>();
            int e = 0;
            for (List<String> reply : input.replies()) {
                for (int i = 0; i < reply.size(); i++) {
                    String eol = switch (endings.get(e++ % endings.size())) {
                        case 0 -> "\r\n";
                        case 1 -> "\n";
                        default -> "\r";
                    };
                    wire.append("250").append(i == reply.size() - 1 ? ' ' : '-').append(reply.get(i)).append(eol);
                }
                expected.add("250 " + reply);
            }
            expected.add("ConnectionClosedException: connection closed by the server");
            assertEquals(expected, readAll(ChunkedTransport.split(wire.toString().getBytes(StandardCharsets.UTF_8), input.chunks(), false)));
        });
    }

    /** Bytes that look like SMTP often enough to reach deep into the parser. */
    static byte[] smtpish(RandomInputs r) {
        List<String> pieces = r.list(0, 200, () -> r.oneOf(
                () -> r.pick("220", "250", "2x0", "99", "554", "421", "-", " ", "\r\n", "\n", "\r", "\u0000", "\u00ff",
                        "STARTTLS", "AUTH PLAIN", "250-", "250 "),
                () -> r.string(20)));
        return String.join("", pieces).getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<List<String>> replies(RandomInputs r) {
        return r.list(1, 5, () -> r.list(1, 5, () -> r.string(' ', '~', 60)));
    }
}
