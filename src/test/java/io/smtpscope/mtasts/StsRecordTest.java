package io.smtpscope.mtasts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StsRecordTest {
    @Test
    void validRecordsGiveTheirId() {
        assertEquals("20260101T000000", StsRecord.parse("v=STSv1; id=20260101T000000").id());
        assertEquals("abc", StsRecord.parse("v=STSv1;id=abc;").id(), "the trailing ';' is allowed");
        assertEquals("abc", StsRecord.parse("v = STSv1 ;\tid = abc ; ext_1.x=va:lue").id(), "WSP around '=' and ';', extensions ignored");
        assertEquals("A".repeat(32), StsRecord.parse("v=STSv1; id=" + "A".repeat(32)).id());
        assertTrue(StsRecord.parse("v=STSv1; id=1").valid());
    }

    @Test
    void malformedRecordsSayWhy() {
        assertTrue(StsRecord.parse("v=STSv1; id=" + "A".repeat(33)).problem().contains("1 to 32"));
        assertTrue(StsRecord.parse("v=STSv1; id=2026-01-01").problem().contains("1 to 32"));
        assertTrue(StsRecord.parse("v=STSv1; id=").problem().contains("1 to 32"));
        assertTrue(StsRecord.parse("v=STSv1; id=a; id=b").problem().contains("more than one id"));
        assertTrue(StsRecord.parse("v=STSv1;; id=a").problem().contains("empty field"));
        assertTrue(StsRecord.parse("v=STSv1; id a").problem().contains("no '='"));
        assertTrue(StsRecord.parse("v=STSv2; id=a").problem().contains("v=STSv1"));
        assertTrue(StsRecord.parse("v=STSv1; ext=a b; id=x").problem().contains("value of 'ext'"));
        assertNotNull(StsRecord.parse("v=STSv1; -bad=1; id=x").problem());
    }

    @Test
    void missingIdIsItsOwnVerdict() {
        StsRecord.Parsed parsed = StsRecord.parse("v=STSv1;");
        assertNull(parsed.problem());
        assertTrue(parsed.missingId());
        assertFalse(parsed.valid());
    }

    @Test
    void hostileTextIsMalformedNeverAccepted() {
        assertTrue(StsRecord.parse("v=STSv1; id=abc\\x00").problem().contains("control"), "an escaped NUL");
        assertTrue(StsRecord.parse("v=STSv1; id=abc\u00e9").problem().contains("non-ASCII"));
        assertTrue(StsRecord.parse("v=STSv1; x=\\x1b[2J; id=a").problem().contains("control"));
        String huge = "v=STSv1; " + "x=y; ".repeat(20_000) + "id=a";
        assertEquals("a", StsRecord.parse(huge).id(), "long but valid: parsed in one pass");
    }

    @Test
    void onlyRecordsBeginningWithTheVersionCount() {
        assertEquals(List.of("v=STSv1; id=a", "v = STSv1;id=b"),
                StsRecord.candidates(List.of("v=STSv1; id=a", "google-site-verification=x", "v = STSv1;id=b", "v=spf1 -all")));
        assertTrue(StsRecord.candidates(List.of("id=a; v=STSv1")).isEmpty());
    }
}
