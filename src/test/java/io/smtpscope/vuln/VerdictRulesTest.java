package io.smtpscope.vuln;

import io.smtpscope.result.VulnerabilityStatus;
import io.smtpscope.tls.enumeration.RawHello;
import io.smtpscope.tls.enumeration.ServerFlight;
import io.smtpscope.tls.enumeration.TlsVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The verdict of each record-level check for every kind of answer, without a server. */
class VerdictRulesTest {
    private static Records.Reply.Record alert(int description) {
        return new Records.Reply.Record(Records.ALERT, 0x0303, new byte[]{2, (byte) description});
    }

    private static Records.Reply.Record heartbeat(int bodyLength) {
        return new Records.Reply.Record(Records.HEARTBEAT, 0x0303, new byte[bodyLength]);
    }

    @Test
    void heartbleed() {
        assertEquals(VulnerabilityStatus.VULNERABLE, HeartbleedCheck.judge(heartbeat(3 + 16384 + 16), new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, HeartbleedCheck.judge(heartbeat(3 + 16), new Evidence()).status(),
                "an empty payload and its padding leak nothing");
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, HeartbleedCheck.judge(alert(10), new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, HeartbleedCheck.judge(new Records.Reply.Closed("connection closed"), new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, HeartbleedCheck.judge(new Records.Reply.Silent(), new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_TESTED, HeartbleedCheck.judge(new Records.Reply.Cut(), new Evidence()).status());
        Evidence leak = new Evidence();
        HeartbleedCheck.judge(new Records.Reply.Record(Records.HEARTBEAT, 0x0303, "xxxpassword=secret".repeat(10).getBytes()), leak);
        assertFalse(leak.asMap().toString().contains("secret"), "a length and a hash only: " + leak.asMap());
    }

    @Test
    void ccsInjection() {
        assertEquals(VulnerabilityStatus.VULNERABLE, CcsInjectionCheck.judge(alert(21), "", new Evidence()).status());
        assertEquals(VulnerabilityStatus.VULNERABLE, CcsInjectionCheck.judge(alert(20), "", new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, CcsInjectionCheck.judge(alert(10), "", new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, CcsInjectionCheck.judge(alert(40), "", new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_TESTED, CcsInjectionCheck.judge(alert(80), "", new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, CcsInjectionCheck.judge(new Records.Reply.Closed("connection reset"), "", new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_TESTED, CcsInjectionCheck.judge(new Records.Reply.Cut(), "", new Evidence()).status());
    }

    @Test
    void fallbackScsv() {
        ServerFlight.Hello tls11 = new ServerFlight.Hello(0x0302, 0x002F, false, null, Set.of(), null, List.of(), null, null, true);
        ServerFlight.Hello tls12 = new ServerFlight.Hello(0x0303, 0x002F, false, null, Set.of(), null, List.of(), null, null, true);
        assertEquals(VulnerabilityStatus.VULNERABLE, FallbackScsvCheck.judge(new RawHello.Answer.Answered(tls11),
                TlsVersion.TLS11, new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_TESTED, FallbackScsvCheck.judge(new RawHello.Answer.Answered(tls12),
                TlsVersion.TLS11, new Evidence()).status(), "a server answering another version did not take the downgrade");
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, FallbackScsvCheck.judge(new RawHello.Answer.Answered(
                new ServerFlight.Alert(2, 86)), TlsVersion.TLS11, new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_TESTED, FallbackScsvCheck.judge(new RawHello.Answer.Answered(
                new ServerFlight.Alert(2, 40)), TlsVersion.TLS11, new Evidence()).status());
        assertEquals(VulnerabilityStatus.NOT_TESTED, FallbackScsvCheck.judge(new RawHello.Answer.Closed(), TlsVersion.TLS11,
                new Evidence()).status());
    }

    @Test
    void downgradeTargets() {
        assertEquals(null, FallbackScsvCheck.downgradeTo(Map.of("TLSv1.3", true, "TLSv1.2", true)));
        assertEquals(TlsVersion.TLS11, FallbackScsvCheck.downgradeTo(Map.of("TLSv1.3", true, "TLSv1.2", true, "TLSv1.1", true)));
        assertEquals(TlsVersion.TLS11, FallbackScsvCheck.downgradeTo(Map.of("TLSv1.2", true, "TLSv1.1", true, "TLSv1", true)));
        assertEquals(TlsVersion.TLS10, FallbackScsvCheck.downgradeTo(Map.of("TLSv1.2", true, "TLSv1.1", false, "TLSv1", true)));
        assertEquals(null, FallbackScsvCheck.downgradeTo(Map.of("TLSv1.2", true)));
    }

    @Test
    void evidenceIsBoundedAndEscaped() {
        Evidence e = new Evidence();
        for (int i = 0; i < 100; i++) {
            e.put("k" + i, "\u001b]0;title\u0007" + "x".repeat(1000));
        }
        assertEquals(Evidence.MAX_ENTRIES, e.asMap().size());
        e.asMap().values().forEach(v -> {
            assertFalse(v.contains("\u001b") || v.contains("\u0007"), v);
            assertFalse(v.length() > Evidence.MAX_VALUE + 3, "shortened: " + v.length());
        });
    }
}
