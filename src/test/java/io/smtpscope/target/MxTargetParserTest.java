package io.smtpscope.target;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mx:DOMAIN[:PORT][/MODE]} targets and {@code --mx DOMAIN[:PORT][/MODE]}. */
class MxTargetParserTest {
    @Test
    void mxPrefixNamesAMailDomain() {
        assertEquals(new TargetSpec("mx:Example.COM", "example.com", Optional.empty(), Optional.empty(), true),
                TargetParser.parse("mx:Example.COM"));
        assertEquals(new TargetSpec("MX:example.com:2525/plain", "example.com", Optional.of(2525), Optional.of(Mode.PLAIN), true),
                TargetParser.parse("MX:example.com:2525/plain"));
        assertEquals(new TargetSpec("mx:bücher.example", "xn--bcher-kva.example", Optional.empty(), Optional.empty(), true),
                TargetParser.parse("mx:bücher.example"));
    }

    @Test
    void theHostMxWithAPortIsStillAHost() {
        TargetSpec spec = TargetParser.parse("mx:25");
        assertFalse(spec.viaMx());
        assertEquals("mx", spec.host());
        assertEquals(Optional.of(25), spec.port());
        assertFalse(TargetParser.parse("mx.example.com").viaMx());
    }

    @Test
    void theOptionTakesTheDomainWithoutPrefix() {
        TargetSpec spec = TargetParser.parseMxDomain("example.test:2525");
        assertTrue(spec.viaMx());
        assertEquals("mx:example.test:2525", spec.given());
        assertEquals(Optional.of(2525), spec.port());
    }

    @Test
    void addressesAndBadNamesAreRefusedWithAReason() {
        assertEquals("'192.0.2.1' is an address, not a mail domain: MX lookups need a name",
                assertThrows(IllegalArgumentException.class, () -> TargetParser.parse("mx:192.0.2.1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TargetParser.parseMxDomain("[2001:db8::1]"));
        assertThrows(IllegalArgumentException.class, () -> TargetParser.parse("mx:bad_label!.test"));
        assertThrows(IllegalArgumentException.class, () -> TargetParser.parseMxDomain(""));
    }
}
