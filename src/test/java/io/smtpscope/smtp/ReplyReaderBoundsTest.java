package io.smtpscope.smtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reader's bounds on one reply: line length, line count and, since the fat-EHLO scenario, total bytes. */
class ReplyReaderBoundsTest {
    private static final long FAR = System.nanoTime() + 60_000_000_000L;

    private static SmtpReply read(String wire) throws Exception {
        return new ReplyReader(ChunkedTransport.split(wire.getBytes(StandardCharsets.ISO_8859_1), List.of(), false))
                .read(Deadline.of("test", 10_000, FAR), line -> { });
    }

    private static String lines(int count, int length) {
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < count; i++) {
            wire.append("250").append(i == count - 1 ? ' ' : '-').append("x".repeat(length)).append("\r\n");
        }
        return wire.toString();
    }

    @Test
    void regressionReplyWithinLineBoundsButOverTheByteBoundIsRefused() {
        // 200 lines of 1000 bytes: each line and the line count are within bounds, the reply (200 KB) is not.
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class, () -> read(lines(200, 1000)));
        assertEquals("reply-too-long", e.kind().label());
    }

    @Test
    void replyJustUnderTheByteBoundIsRead() throws Exception {
        int lineBytes = 1000;
        int count = ReplyReader.MAX_REPLY_BYTES / (lineBytes + 6);
        assertEquals(count, read(lines(count, lineBytes)).lines().size());
    }
}
