package io.smtpscope.dns;

import io.smtpscope.result.DnssecState;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a validated response becomes an answer: states, reasons, CNAME chains, bounds on hostile answers. */
class ValidatingDnsInterpretTest {
    private static final Name MX = Name.fromConstantString("mx.a.test.");

    private static Message response(int rcode, boolean ad) {
        Message m = Message.newQuery(Record.newRecord(MX, Type.A, DClass.IN));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        if (ad) {
            m.getHeader().setFlag(Flags.AD);
        }
        return m;
    }

    private static ARecord a(Name owner, String address) throws Exception {
        return new ARecord(owner, DClass.IN, 60, InetAddress.getByName(address));
    }

    @Test
    void authenticatedDataIsSecureAndItsAbsenceInsecure() throws Exception {
        Message secure = response(Rcode.NOERROR, true);
        secure.addRecord(a(MX, "192.0.2.1"), Section.ANSWER);
        Validated v = ValidatingDns.interpret("mx.a.test", Type.A, secure);
        assertEquals(DnssecState.SECURE, v.dnssec());
        assertEquals(1, v.records().size());
        Message insecure = response(Rcode.NOERROR, false);
        insecure.addRecord(a(MX, "192.0.2.1"), Section.ANSWER);
        assertEquals(DnssecState.INSECURE, ValidatingDns.interpret("mx.a.test", Type.A, insecure).dnssec());
        assertEquals(Validated.Status.NODATA, ValidatingDns.interpret("mx.a.test", Type.A, response(Rcode.NOERROR, true)).status());
        assertEquals(Validated.Status.NXDOMAIN, ValidatingDns.interpret("mx.a.test", Type.A, response(Rcode.NXDOMAIN, true)).status());
    }

    @Test
    void servfailWithTheValidatorsReasonIsBogusWithoutItAFailure() {
        Message bogus = response(Rcode.SERVFAIL, false);
        bogus.addRecord(new TXTRecord(Name.root, ValidatingResolver.VALIDATION_REASON_QCLASS, 0,
                "signature expired\u001b[31m"), Section.ADDITIONAL);
        Validated v = ValidatingDns.interpret("mx.a.test", Type.A, bogus);
        assertEquals(DnssecState.BOGUS, v.dnssec());
        assertEquals(Validated.Status.FAILED, v.status());
        assertTrue(v.reason().contains("signature expired"), v.reason());
        assertFalse(v.reason().contains("\u001b"), "control characters from DNS are escaped");
        Validated failed = ValidatingDns.interpret("mx.a.test", Type.A, response(Rcode.SERVFAIL, false));
        assertEquals(DnssecState.UNKNOWN, failed.dnssec());
        assertTrue(failed.reason().contains("SERVFAIL"));
    }

    @Test
    void cnameChainEndsAtTheCanonicalNameAndOnlyItsRecordsCount() throws Exception {
        Name target = Name.fromConstantString("host.a.test.");
        Message m = response(Rcode.NOERROR, true);
        m.addRecord(new CNAMERecord(MX, DClass.IN, 60, target), Section.ANSWER);
        m.addRecord(a(target, "192.0.2.7"), Section.ANSWER);
        m.addRecord(a(Name.fromConstantString("unrelated.a.test."), "192.0.2.8"), Section.ANSWER);
        Validated v = ValidatingDns.interpret("mx.a.test.", Type.A, m);
        assertEquals("host.a.test", v.canonicalName());
        assertTrue(v.aliased("mx.a.test"));
        assertEquals(1, v.records().size());
    }

    @Test
    void hugeRrsetsAreCapped() throws Exception {
        Message m = response(Rcode.NOERROR, true);
        for (int i = 0; i < 300; i++) {
            m.addRecord(a(MX, "10.0." + (i / 250) + "." + (i % 250)), Section.ANSWER);
        }
        assertEquals(ValidatingDns.MAX_RECORDS, ValidatingDns.interpret("mx.a.test", Type.A, m).records().size());
    }
}
