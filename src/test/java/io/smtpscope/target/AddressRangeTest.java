package io.smtpscope.target;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses no public mail server has (RFC 6890 and the RFCs it gathers). */
class AddressRangeTest {
    private static String range(String literal) throws Exception {
        return AddressRange.nonPublic(InetAddress.getByName(literal)).orElse("public");
    }

    @Test
    void nonPublicRanges() throws Exception {
        for (String literal : List.of("127.0.0.1", "127.255.0.9", "::1", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.0.1", "169.254.1.1", "fe80::1", "fc00::1", "fd12:3456::1", "100.64.0.1", "100.127.255.255",
                "0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "ff02::1", "fec0::1", "::ffff:10.0.0.1")) {
            assertTrue(!range(literal).equals("public"), literal);
        }
        assertEquals("private (RFC 1918)", range("172.20.1.1"));
        assertEquals("private (RFC 1918)", range("::ffff:192.168.0.1"), "an IPv4-mapped address is its IPv4 address");
        assertTrue(range("::1").startsWith("loopback"));
        assertTrue(range("fd00::1").startsWith("unique local"));
    }

    @Test
    void publicAddresses() throws Exception {
        for (String literal : List.of("192.0.2.25", "198.51.100.7", "203.0.113.1", "8.8.8.8", "172.15.255.255",
                "172.32.0.0", "100.63.255.255", "100.128.0.0", "11.0.0.1", "2001:db8::25", "2a00:1450::1")) {
            assertEquals("public", range(literal), literal);
        }
    }
}
