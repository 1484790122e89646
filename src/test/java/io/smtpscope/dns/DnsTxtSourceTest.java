package io.smtpscope.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsTxtSourceTest {
    @Test
    void foundNoRecordsAndFailureAreThreeAnswers() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            dns.txt("_mta-sts.a.test", "v=STSv1; ", "id=20260101").txt("_mta-sts.a.test", "other text")
                    .a("host.a.test", "127.0.0.9").servfail("_mta-sts.broken.test").silent("_mta-sts.silent.test");
            // Generous for answers (a loaded machine), short for the silent name only.
            DnsTxtSource source = DnsTxtSource.using(dns.client(Duration.ofSeconds(3), 2));
            DnsTxtSource impatient = DnsTxtSource.using(dns.client(Duration.ofMillis(300), 1));

            TxtAnswer first = source.lookup("_mta-sts.a.test");
            TxtAnswer.Found found = assertInstanceOf(TxtAnswer.Found.class, first, first::toString);
            assertEquals(List.of("v=STSv1; id=20260101", "other text"), found.records(), "strings of one record are joined");
            assertFalse(found.capped());

            assertEquals("NXDOMAIN", assertInstanceOf(TxtAnswer.NoRecords.class, source.lookup("_mta-sts.none.test")).rcode());
            assertEquals("NODATA", assertInstanceOf(TxtAnswer.NoRecords.class, source.lookup("host.a.test")).rcode());
            assertTrue(assertInstanceOf(TxtAnswer.Failed.class, source.lookup("_mta-sts.broken.test")).message().contains("SERVFAIL"));
            assertTrue(assertInstanceOf(TxtAnswer.Failed.class, impatient.lookup("_mta-sts.silent.test")).message().contains("timed out"));
        }
    }

    @Test
    void hostileAnswersAreBoundedAndEscaped() throws Exception {
        Name name = Name.fromString("_mta-sts.hostile.test.");
        Message answer = Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN));
        answer.getHeader().setFlag(Flags.QR);
        for (int i = 0; i < 200; i++) {
            answer.addRecord(new TXTRecord(name, DClass.IN, 60, "v=STSv1; id=" + i), Section.ANSWER);
        }
        TxtAnswer.Found many = assertInstanceOf(TxtAnswer.Found.class, DnsTxtSource.read(answer, "x"));
        assertEquals(DnsTxtSource.MAX_RECORDS, many.records().size());
        assertTrue(many.capped());

        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            parts.add("a".repeat(255));
        }
        String joined = DnsTxtSource.joined(new TXTRecord(name, DClass.IN, 60, parts));
        assertEquals(DnsTxtSource.MAX_RECORD_BYTES, joined.length(), "25,500 bytes of text are cut at the bound");

        TXTRecord control = new TXTRecord(name, DClass.IN, 60, List.of(new String(new char[] {'v', '=', 0x1b, '[', '2', 'J', '\n'})));
        String escaped = DnsTxtSource.joined(control);
        assertFalse(escaped.chars().anyMatch(c -> c < 0x20), escaped);
        assertTrue(escaped.contains("\\x1b"), escaped);
    }
}
