package io.smtpscope.target;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {
    @Test
    void parsesZeroBasedIndexOverCount() {
        assertEquals(new Shard(0, 4), Shard.parse("0/4"));
        assertEquals(new Shard(3, 4), Shard.parse(" 3/4 "));
        assertEquals(new Shard(0, 1), Shard.parse("0/1"));
        assertEquals("2/5", new Shard(2, 5).toString());
    }

    @Test
    void refusesWhatIsNoShardWithAMessageThatSaysWhy() {
        assertTrue(message("4/4").contains("between 0 and 3"), message("4/4"));
        assertTrue(message("0/0").contains("count must be between 1"), message("0/0"));
        assertTrue(message("garbage").contains("expected INDEX/COUNT"), message("garbage"));
        assertTrue(message("-1/4").contains("expected INDEX/COUNT"), message("-1/4"));
        assertTrue(message("1/4/2").contains("expected INDEX/COUNT"), message("1/4/2"));
        assertTrue(message("").contains("expected INDEX/COUNT"), message(""));
        assertTrue(message("0/9999999").contains("count must be between 1 and 100000"), message("0/9999999"));
        assertFalse(message("1\u001b[2J/4").contains("\u001b"), "no control character echoed");
    }

    /**
     * The documented hash (docs/sharding.md): SHA-256 of the key's UTF-8 bytes, first 8 bytes big-endian unsigned,
     * modulo the count. The values were computed with Python's hashlib, not with this code, so a change of hash,
     * byte order or sign handling fails here: shards of one scan run on many machines and must agree.
     */
    @Test
    void theHashIsTheDocumentedOneOnEveryMachine() {
        assertEquals(3, Shard.of("address:127.0.0.2", 4));
        assertEquals(1, Shard.of("address:127.0.0.2", 7));
        assertEquals(479, Shard.of("address:127.0.0.2", 1000));
        assertEquals(2, Shard.of("domain:example.org", 4));
        assertEquals(4, Shard.of("domain:example.org", 7));
        assertEquals(581, Shard.of("host:mail.example.com", 1000));
        assertTrue(new Shard(3, 4).owns("address:127.0.0.2"));
        assertFalse(new Shard(0, 4).owns("address:127.0.0.2"));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Shard.parse(text)).getMessage();
    }
}
