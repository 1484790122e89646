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

/** However a valid reply is cut into packets, the parser reads the same reply (RFC 5321 section 4.2). */
class ReplyReaderPropertiesTest {
    @Provide
    Arbitrary<String> lineText() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120).map(String::strip);
    }

    @Property(tries = 300)
    void fragmentationNeverChangesTheReply(@ForAll @IntRange(min = 200, max = 599) int code,
                                           @ForAll @Size(min = 1, max = 20) List<@net.jqwik.api.From("lineText") String> texts,
                                           @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 1, max = 7) Integer> cuts,
                                           @ForAll boolean bareLf) throws IOException {
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            wire.append(code).append(i == texts.size() - 1 ? ' ' : '-').append(texts.get(i)).append(bareLf ? "\n" : "\r\n");
        }
        byte[] bytes = wire.toString().getBytes(StandardCharsets.US_ASCII);
        List<String> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int n = Math.min(cuts.get(i % cuts.size()), bytes.length - at);
            chunks.add(new String(bytes, at, n, StandardCharsets.US_ASCII));
            at += n;
        }
        SmtpReply reply = new ReplyReader(ChunkedTransport.of(chunks.toArray(String[]::new)))
                .read(Deadline.of("test", 5_000, System.nanoTime() + 10_000_000_000L), l -> { });
        assertEquals(code, reply.code());
        assertEquals(texts, reply.lines());
    }
}
