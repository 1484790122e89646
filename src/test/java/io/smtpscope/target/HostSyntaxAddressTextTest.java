package io.smtpscope.target;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Addresses in reports and commands use the RFC 5952 text form, as people and other tools write them. */
class HostSyntaxAddressTextTest {
    private static String text(String literal) throws Exception {
        return HostSyntax.addressText(InetAddress.getByName(literal));
    }

    @Test
    void ipv4IsDottedQuad() throws Exception {
        assertEquals("127.0.0.1", text("127.0.0.1"));
    }

    @Test
    void ipv6IsCompressedPerRfc5952() throws Exception {
        assertEquals("::1", text("0:0:0:0:0:0:0:1"));
        assertEquals("::", text("0:0:0:0:0:0:0:0"));
        assertEquals("2001:db8::1", text("2001:0db8:0:0:0:0:0:1"));
        // Section 4.2.2: a single zero group is not shortened; 4.2.3: the first of two equal runs is.
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
        // Section 4.2.3: the longest run wins.
        assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1"));
        assertEquals("fe80::", text("fe80:0:0:0:0:0:0:0"));
    }
}
