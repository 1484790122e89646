package io.smtpscope.tls.enumeration;

import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The loopback Postfix TLS variants written by src/test/setup/20-postfix-tls-variants.sh, when present. */
record TlsVariants(String host, int modernPort, int legacyPort, String legacyCiphers) {
    static final Path PROPERTIES = Path.of(System.getenv().getOrDefault("SMTPSCOPE_POSTFIX_DIR", "/var/tmp/smtpscope-postfix"),
            "tls-variants.properties");

    static Optional<TlsVariants> load() {
        if (!Files.isRegularFile(PROPERTIES)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(PROPERTIES)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String host = p.getProperty("host", "127.0.0.1");
        if (!host.startsWith("127.") && !host.equals("::1")) {
            throw new IllegalStateException("refusing a non-loopback test host " + host);
        }
        return Optional.of(new TlsVariants(host, Integer.parseInt(p.getProperty("modern_port")),
                Integer.parseInt(p.getProperty("legacy_port")), p.getProperty("legacy_ciphers")));
    }

    Endpoint endpoint(int port) throws IOException {
        return new Endpoint(new Target(host + ":" + port, host, port, Mode.STARTTLS), InetAddress.getByName(host),
                "mail.smtpscope.test");
    }
}
