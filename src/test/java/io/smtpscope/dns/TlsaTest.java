package io.smtpscope.dns;

import io.smtpscope.result.TlsaSeen;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsaTest {
    @Test
    void usableForSmtpAreDaneUsagesWithKnownSelectorsAndRightLengths() {
        assertNull(Tlsa.unusable(3, 1, 1, 32));
        assertNull(Tlsa.unusable(2, 0, 2, 64));
        assertNull(Tlsa.unusable(3, 0, 0, 900));
        assertTrue(Tlsa.unusable(0, 0, 1, 32).contains("PKIX-TA"));
        assertTrue(Tlsa.unusable(1, 1, 1, 32).contains("PKIX-EE"));
        assertTrue(Tlsa.unusable(4, 1, 1, 32).contains("unknown usage"));
        assertTrue(Tlsa.unusable(3, 2, 1, 32).contains("unknown selector"));
        assertTrue(Tlsa.unusable(3, 1, 3, 32).contains("unknown matching type"));
        assertTrue(Tlsa.unusable(3, 1, 1, 31).contains("expected 32"));
        assertTrue(Tlsa.unusable(3, 1, 2, 32).contains("expected 64"));
        assertTrue(Tlsa.unusable(3, 1, 0, 0).contains("empty"));
        assertTrue(Tlsa.unusable(3, 0, 0, Tlsa.MAX_DATA_BYTES + 1).contains("too large"));
    }

    @Test
    void hugeAssociationDataIsKeptShortAndUnusable() {
        org.xbill.DNS.TLSARecord huge = new org.xbill.DNS.TLSARecord(org.xbill.DNS.Name.fromConstantString("_25._tcp.mx.a.test."),
                org.xbill.DNS.DClass.IN, 60, 3, 0, 0, new byte[60_000]);
        TlsaSeen seen = Tlsa.seen(huge);
        assertFalse(seen.usable());
        assertEquals(Tlsa.MAX_DATA_BYTES * 2, seen.data().length());
    }

    @Test
    void ownerNameIsPortAndTcpUnderTheHost() {
        assertEquals("_25._tcp.mx.a.test", Tlsa.ownerName("mx.a.test", 25));
    }
}
