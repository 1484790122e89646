package io.smtpscope.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertNull;

/** Only what can be tested without DNS: loopback is never looked up, and 'none' checks nothing. */
class ReverseLookupTest {
    @Test
    void loopbackIsNotChecked() throws Exception {
        assertNull(ReverseLookup.system(100).lookup(InetAddress.getByName("127.0.0.1")));
        assertNull(ReverseLookup.system(100).lookup(InetAddress.getByName("::1")));
    }

    @Test
    void noneChecksNothing() throws Exception {
        assertNull(ReverseLookup.none().lookup(InetAddress.getByName("192.0.2.1")));
    }
}
