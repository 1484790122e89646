package io.smtpscope.tlsrpt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsRptRecordTest {
    @Test
    void validRecordsGiveTheirAddresses() {
        TlsRptRecord.Parsed p = TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:tls@example.com, https://r.example.com/tlsrpt");
        assertNull(p.problem());
        assertEquals(List.of("mailto:tls@example.com", "https://r.example.com/tlsrpt"), p.rua());
        assertEquals(List.of(), p.invalid());
        assertEquals(List.of("mailto:a@b.example"), TlsRptRecord.parse("v=TLSRPTv1;rua=mailto:a@b.example;ext=1;").rua());
    }

    @Test
    void unusableAddressesAreListedWithWhy() {
        TlsRptRecord.Parsed p = TlsRptRecord.parse("v=TLSRPTv1; rua=tls@example.com,http://r.example.com/,mailto:nobody,https:///x,");
        assertNull(p.problem());
        assertEquals(5, p.rua().size());
        assertEquals(5, p.invalid().size(), p.invalid().toString());
        assertTrue(p.invalid().get(0).contains("no scheme"));
        assertTrue(p.invalid().get(1).contains("http"));
        assertTrue(p.invalid().get(2).contains("mailto"));
        assertTrue(p.invalid().get(4).contains("empty"));
    }

    @Test
    void malformedRecordsSayWhy() {
        assertTrue(TlsRptRecord.parse("v=TLSRPTv1;").problem().contains("no rua"));
        assertTrue(TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:a@b.c; rua=mailto:d@e.f").problem().contains("more than one rua"));
        assertTrue(TlsRptRecord.parse("v=TLSRPTv1 rua=mailto:a@b.c").problem().contains("v=TLSRPTv1"));
        assertTrue(TlsRptRecord.parse("v=TLSRPTv1;; rua=mailto:a@b.c").problem().contains("empty field"));
        assertTrue(TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:a@b.c; bad field").problem().contains("not name=value"));
        assertTrue(TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:a@b.c\\x00").problem().contains("control"));
    }

    @Test
    void hostileRecordsAreBounded() {
        String many = "v=TLSRPTv1; rua=" + String.join(",", java.util.Collections.nCopies(5_000, "mailto:a@b.example"));
        TlsRptRecord.Parsed p = TlsRptRecord.parse(many);
        assertEquals(TlsRptRecord.MAX_URIS, p.rua().size());
        assertEquals(1, p.invalid().size());
        assertTrue(p.invalid().get(0).contains("more than"));
        assertEquals(List.of("v=TLSRPTv1; rua=x"), TlsRptRecord.candidates(List.of("v=spf1", "v=TLSRPTv1; rua=x", "V=TLSRPTv1")));
    }
}
