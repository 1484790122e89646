package io.smtpscope.vuln;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.it.PostfixFixture;
import io.smtpscope.it.RealServices;
import io.smtpscope.probe.InjectionServers;
import io.smtpscope.result.VulnerabilityResult;
import io.smtpscope.result.VulnerabilityStatus;
import io.smtpscope.target.Mode;
import io.smtpscope.tls.enumeration.EnumerationDepth;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starttls_injection check in the vulnerability step, as the scan runs it: a scripted server that executes the
 * plaintext pipelined with STARTTLS (vulnerable), the real Postfix (not vulnerable), an implicit-TLS port (not
 * tested: nothing to inject into).
 *
 * <p>Cross-check: testssl.sh 3.0.8, the version Debian 12 installs, has no STARTTLS injection test (it arrived with
 * testssl.sh 3.2, pull request 1810); {@code testssl --help} of 3.0.8 offers only CCS injection. So there is nothing
 * to compare with on the CI machine; {@link #installedTestsslHasNoStartTlsInjectionTest} pins that fact, and fails
 * the day a testssl.sh with the test is installed, so that the comparison is then written.
 */
class StartTlsInjectionCheckTest {
    private static VulnerabilityResult scan(String host, int port, Mode mode) throws Exception {
        return VulnScan.run(VulnScan.endpoint(host, port, mode), EnumerationDepth.OFF, VulnScan.SETTINGS,
                StartTlsInjectionCheck.ID).result(StartTlsInjectionCheck.ID);
    }

    @Test
    void aScriptedServerExecutingInjectedCommandsIsVulnerable() throws Exception {
        try (ScriptedSmtpServer server = InjectionServers.executesInjectedCommands()) {
            VulnerabilityResult r = scan("127.0.0.1", server.port(), Mode.STARTTLS);
            assertEquals(VulnerabilityStatus.VULNERABLE, r.status(), r::toString);
            assertEquals(1, r.connections());
            assertTrue(r.evidence().get("replies_before_quit").startsWith("250"), r::toString);
        }
    }

    @Test
    void realPostfixIsNotVulnerable() throws Exception {
        PostfixFixture postfix = RealServices.postfix();
        VulnerabilityResult r = scan(postfix.get("host"), postfix.port("smtp_port"), Mode.STARTTLS);
        assertEquals(VulnerabilityStatus.NOT_VULNERABLE, r.status(), r::toString);
        assertEquals("none", r.evidence().get("replies_before_quit"), r::toString);
    }

    @Test
    void anImplicitTlsPortIsNotTested() throws Exception {
        PostfixFixture postfix = RealServices.postfix();
        VulnerabilityResult r = scan(postfix.get("host"), postfix.port("smtps_port"), Mode.IMPLICIT_TLS);
        assertEquals(VulnerabilityStatus.NOT_TESTED, r.status(), r::toString);
        assertTrue(r.reason().contains("not a STARTTLS endpoint"), r::reason);
        assertEquals(0, r.connections());
    }

    @Test
    void installedTestsslHasNoStartTlsInjectionTest() throws Exception {
        java.nio.file.Path testssl = java.nio.file.Path.of("/usr/bin/testssl");
        RealServices.requirePostfix(java.nio.file.Files.isExecutable(testssl),
                "testssl.sh is not installed (src/test/setup/20-postfix-tls-variants.sh installs it)");
        Process help = new ProcessBuilder(testssl.toString(), "--help").redirectErrorStream(true).start();
        String text;
        try (var in = help.getInputStream()) {
            text = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(help.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "testssl --help ended");
        assertTrue(text.contains("--ccs-injection"), "this is testssl.sh's help");
        assertTrue(!text.toLowerCase(java.util.Locale.ROOT).contains("starttls-injection")
                        && !text.toLowerCase(java.util.Locale.ROOT).contains("starttls injection"),
                "this testssl.sh has a STARTTLS injection test: compare it with starttls_injection on the fixtures above");
    }
}
