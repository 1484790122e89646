package io.smtpscope.it;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The signed test zones of src/test/setup/50-dns.sh: the validating Unbound to ask, the trust anchor of
 * {@code smtpscope.test}, and the digests the set-up put into the TLSA records (computed from the test
 * Postfix's certificates at set-up time).
 */
public record DnsFixture(Properties properties) {
    static final String DEFAULT_DIR = "/var/tmp/smtpscope-dns";

    public String resolver() {
        return properties.getProperty("resolver").strip();
    }

    public Path trustAnchor() {
        return Path.of(properties.getProperty("trust_anchor").strip());
    }

    /** A test mail domain, e.g. {@code domain("ee")} = {@code ee.smtpscope.test}. */
    public String domain(String label) {
        return label + "." + properties.getProperty("apex").strip();
    }

    public String leafSpkiSha256() {
        return properties.getProperty("leaf_spki_sha256").strip();
    }

    public String caCertSha256() {
        return properties.getProperty("ca_cert_sha256").strip();
    }

    public String property(String name) {
        return properties.getProperty(name).strip();
    }
}
