package io.smtpscope.smtp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of the SMTP reply parser: whatever bytes a server sends, in whatever fragments, the
 * reader either returns bounded replies or throws one of our own typed {@link IOException}s.
 * Tries: jqwik's default (1000); a longer run is documented in src/test/java/io/smtpscope/hostile/README.md.
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

    @Property
    void arbitraryBytesInArbitraryChunksOnlyThrowOurExceptions(@ForAll @Size(max = 12_000) byte[] data,
                                                               @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 5000) Integer> chunks,
                                                               @ForAll boolean timeoutAtEnd) {
        readAll(ChunkedTransport.split(data, chunks, timeoutAtEnd));
    }

    @Property
    void fragmentationNeverChangesTheResult(@ForAll("smtpish") byte[] data,
                                            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 64) Integer> chunks) {
        assertEquals(readAll(ChunkedTransport.split(data, List.of(), false)),
                readAll(ChunkedTransport.split(data, chunks, false)));
    }

    @Property
    void wellFormedRepliesParseWithAnyLineEnding(@ForAll("replies") List<List<String>> replies,
                                                 @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 2) Integer> endings,
                                                 @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 64) Integer> chunks) {
        StringBuilder wire = new StringBuilder();
        List<String> expected = new ArrayList<>();
        int e = 0;
        for (List<String> reply : replies) {
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
        assertEquals(expected, readAll(ChunkedTransport.split(wire.toString().getBytes(StandardCharsets.UTF_8), chunks, false)));
    }

    /** Bytes that look like SMTP often enough to reach deep into the parser. */
    @Provide
    Arbitrary<byte[]> smtpish() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("220", "250", "2x0", "99", "554", "421", "-", " ", "\r\n", "\n", "\r", "\u0000", "\u00ff",
                        "STARTTLS", "AUTH PLAIN", "250-", "250 "),
                Arbitraries.strings().ofMaxLength(20));
        return piece.list().ofMaxSize(200).map(p -> String.join("", p).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<List<List<String>>> replies() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60);
        return text.list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(5);
    }

}
