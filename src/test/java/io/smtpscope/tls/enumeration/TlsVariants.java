package io.smtpscope.tls.enumeration;

import io.smtpscope.it.RealServices;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Properties;

/** The loopback Postfix TLS variants written by src/test/setup/20-postfix-tls-variants.sh. */
record TlsVariants(String host, int modernPort, int legacyPort, String legacyCiphers) {
    /** The variants; aborts the test (or fails it, under SMTPSCOPE_REQUIRE_POSTFIX=1) when they are not set up. */
    static TlsVariants require() {
        Properties p = RealServices.postfixProperties("tls-variants.properties");
        return new TlsVariants(p.getProperty("host").strip(), Integer.parseInt(p.getProperty("modern_port")),
                Integer.parseInt(p.getProperty("legacy_port")), p.getProperty("legacy_ciphers"));
    }

    Endpoint endpoint(int port) throws IOException {
        return new Endpoint(new Target(host + ":" + port, host, port, Mode.STARTTLS), InetAddress.getByName(host),
                "mail.smtpscope.test");
    }
}
