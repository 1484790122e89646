package io.smtpscope.domain;

import io.smtpscope.result.DaneStatus;
import io.smtpscope.result.DnssecState;
import io.smtpscope.result.HostDane;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The SNI a DANE sender sends (RFC 7672 section 8.1): the TLSA base domain, only where DANE applies. */
class DaneServerNameTest {
    private static HostDane host(String canonical, String tlsaName, DaneStatus status) {
        return new HostDane("mx.example.org", canonical, DnssecState.SECURE, tlsaName, DnssecState.SECURE, status,
                List.of(), null);
    }

    @Test
    void theEndOfTheCnameChainWhenTheTlsaRecordsAreThere() {
        assertEquals("mx.provider.net",
                DaneCheck.serverName(host("mx.provider.net", "_25._tcp.mx.provider.net", DaneStatus.USABLE)));
        assertEquals("mx.provider.net",
                DaneCheck.serverName(host("mx.provider.net", "_25._tcp.mx.provider.net", DaneStatus.UNUSABLE_ONLY)));
    }

    @Test
    void theMxNameWhenTheTlsaRecordsAreAtTheMxName() {
        // section 2.2.2: no TLSA at the end of the chain, so they were looked up, and found, at the MX name
        assertEquals("mx.example.org",
                DaneCheck.serverName(host("mx.provider.net", "_25._tcp.mx.example.org", DaneStatus.USABLE)));
    }

    @Test
    void noneWhereDaneDoesNotApply() {
        for (DaneStatus status : List.of(DaneStatus.NO_TLSA, DaneStatus.TLSA_INSECURE, DaneStatus.NOT_APPLICABLE,
                DaneStatus.TLSA_BOGUS, DaneStatus.LOOKUP_FAILED)) {
            assertNull(DaneCheck.serverName(host("mx.provider.net", "_25._tcp.mx.provider.net", status)), status::toString);
        }
        assertNull(DaneCheck.serverName(null));
    }
}
