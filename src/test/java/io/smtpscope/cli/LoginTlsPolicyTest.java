package io.smtpscope.cli;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.tls.OldTlsServer;
import io.smtpscope.tls.TlsContexts;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials and test messages travel only over TLS a mail client accepts: the JDK's default protocols and suites
 * (although the process relaxed them to observe old servers), and a certificate meant for TLS servers.
 */
class LoginTlsPolicyTest {
    private final LoopbackServers servers = new LoopbackServers();
    @TempDir
    Path dir;

    @BeforeAll
    static void relax() {
        TlsContexts.init(); // as the CLI does first; the old server's own TLS 1.0 needs it too
    }

    @AfterEach
    void close() {
        servers.close();
    }

    private List<String> args(String command, String name, int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, name + ":" + port + "/starttls", "--resolve", name + ":127.0.0.1",
                "--ca-file", servers.caFile(dir).toString(), "--timeout", "20"));
        args.addAll(List.of(extra));
        return args;
    }

    private String passwordFile() throws Exception {
        return Files.writeString(dir.resolve("pw"), "s3cret-Pa55\n").toString();
    }

    @Test
    void loginNeverSendsCredentialsOverTls10AndSaysWhy() throws Exception {
        try (OldTlsServer server = new OldTlsServer(servers.pki.certificate("old.test").issue(), "TLSv1")) {
            CliRun run = CliRun.of(args("login", "old.test", server.port(), "--user", "alice@old.test",
                    "--password-file", passwordFile()));
            assertEquals(1, run.exit(), run.toString());
            assertEquals("failed", server.handshakes(1).get(0), "the login's own connection must not complete TLS 1.0");
            assertTrue(server.insideTls().stream().noneMatch(l -> l.startsWith("AUTH")), server.insideTls().toString());
            assertTrue(run.out().contains("The server offers at most TLSv1, which smtpscope refuses for credentials"), run.out());
            assertTrue(run.out().contains("'smtpscope scan' shows everything the server accepts"), run.out());
            assertTrue(run.out().contains("Login: FAILED (not-attempted)"), run.out());
        }
    }

    @Test
    void sendTestNeverSendsTheMessageOverTls11() throws Exception {
        try (OldTlsServer server = new OldTlsServer(servers.pki.certificate("old.test").issue(), "TLSv1.1", "TLSv1")) {
            CliRun run = CliRun.of(args("send-test", "old.test", server.port(), "--from", "alice@old.test",
                    "--to", "bob@old.test", "--insecure", "--allow-plaintext"));
            assertEquals(1, run.exit(), run.toString());
            assertEquals("failed", server.handshakes(1).get(0));
            assertTrue(server.insideTls().stream().noneMatch(l -> l.startsWith("MAIL")), server.insideTls().toString());
            assertTrue(run.out().contains("offers at most TLSv1.1") && run.out().contains("No option overrides this"), run.out());
        }
    }

    /** Regression: a clientAuth-only certificate from the --ca-file CA was "trusted" and AUTH PLAIN was sent. */
    @Test
    void aClientAuthOnlyCertificateGetsNoCredentials() throws Exception {
        DemoPki.KeyMaterial clientCert = servers.pki.certificate("client.test").extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).issue();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved("client.test",
                DemoPki.serverContext(clientCert), false))) {
            CliRun run = CliRun.of(args("login", "client.test", server.port(), "--user", "alice@client.test",
                    "--password-file", passwordFile()));
            assertEquals(1, run.exit(), run.toString());
            assertFalse(server.received().stream().anyMatch(l -> l.startsWith("AUTH")), server.received().toString());
            assertTrue(run.out().contains("certificate-rejected"), run.out());
            assertTrue(run.out().contains("not meant for TLS servers"), run.out());
        }
    }
}
