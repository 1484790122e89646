package io.smtpscope.smtp;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** However a valid reply is cut into packets, the parser reads the same reply (RFC 5321 section 4.2). */
class ReplyReaderPropertiesTest {

    record Input(int code, List<String> texts, List<Integer> cuts, boolean bareLf) {
    }

    static String lineText(RandomInputs r) {
        return r.string(' ', '~', 120).strip();
    }

    @Test
    void fragmentationNeverChangesTheReply() {
        RandomInputs.forAll(300, r -> new Input(r.between(200, 599), r.list(1, 20, () -> lineText(r)),
                r.ints(1, 50, 1, 7), r.bool()), input -> {
            int code = input.code();
            List<String> texts = input.texts();
            List<Integer> cuts = input.cuts();
            StringBuilder wire = new StringBuilder();
            for (int i = 0; i < texts.size(); i++) {
                wire.append(code).append(i == texts.size() - 1 ? ' ' : '-').append(texts.get(i)).append(input.bareLf() ? "\n" : "\r\n");
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
        });
    }
}
