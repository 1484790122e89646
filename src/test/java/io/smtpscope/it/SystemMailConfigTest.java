package io.smtpscope.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tests never take over the machine's own mail server: the test MTA is a Postfix instance of its own (its
 * own config_directory and queue_directory, every listener on the published loopback address), and nothing
 * under /etc/postfix or /etc/dovecot differs from the manifest src/test/postfix/setup-postfix.sh wrote before it
 * set anything up. src/scripts/test.sh checks the same manifest once more after the whole suite.
 */
class SystemMailConfigTest {
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/etc/postfix"), Path.of("/etc/dovecot"));
    private static final Path CHECKER = Path.of("src/test/postfix/system-config.sh");
    private static final long CHECK_SECONDS = 60;
    /** Larger files under /etc/postfix or /etc/dovecot are not configuration text worth scanning. */
    private static final long MAX_SCANNED_BYTES = 1 << 20;
    /** The test MTA's banner (smtpd_banner in setup-postfix.sh): in a system file, the mark of a takeover. */
    private static final String TEST_BANNER = "ESMTP smtpscope-test";

    private PostfixFixture postfix;

    @BeforeEach
    void requirePostfixAndRoot() {
        postfix = RealServices.postfix();
        RealServices.requirePostfix("root".equals(System.getProperty("user.name")),
                "needs root to read everything under /etc/postfix and /etc/dovecot");
    }

    @Test
    void theTestMtaIsAPostfixInstanceOfItsOwn() throws Exception {
        Path config = postfix.path("config_directory");
        for (Path system : SYSTEM_DIRS) {
            assertFalse(config.toAbsolutePath().normalize().startsWith(system), config + " is the machine's own " + system);
        }
        String queue = postconf("-c", config.toString(), "-h", "queue_directory");
        assertNotEquals(postconf("-h", "queue_directory"), queue, "the test instance shares the machine's own queue");
    }

    @Test
    void everyServiceOfTheTestInstanceListensOnThePublishedAddressOnly() throws Exception {
        String host = postfix.get("host");
        List<String> inet = new ArrayList<>();
        for (String entry : postconf("-c", postfix.get("config_directory"), "-M").lines().toList()) {
            String[] fields = entry.strip().split("\\s+");
            if (fields.length > 1 && fields[1].equals("inet")) {
                inet.add(fields[0]);
            }
        }
        assertTrue(inet.contains(host + ":" + postfix.get("smtp_port")), inet.toString());
        for (String service : inet) {
            assertTrue(service.startsWith(host + ":"), "service " + service + " is not bound to " + host + ": " + inet);
        }
    }

    @Test
    void noFileOfTheMachinesOwnMailServerMentionsTheTestMta() throws IOException {
        String stateDir = RealServices.postfixDir().toString();
        List<String> taken = new ArrayList<>();
        for (Path dir : SYSTEM_DIRS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (Files.size(file) > MAX_SCANNED_BYTES) {
                        continue;
                    }
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    for (String mark : List.of(stateDir, TEST_BANNER)) {
                        if (text.contains(mark)) {
                            taken.add(file + " names '" + mark + "'");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), taken, "the machine's own mail configuration is the test MTA's");
    }

    @Test
    void theMachinesOwnMailConfigurationIsAsTheSetUpFoundIt() throws Exception {
        Path manifest = postfix.path("system_config_manifest");
        assertTrue(Files.isRegularFile(CHECKER), CHECKER + " not found from " + Path.of("").toAbsolutePath());
        Process check = new ProcessBuilder("bash", CHECKER.toString(), "verify", manifest.toString())
                .redirectErrorStream(true).start();
        if (!check.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            fail(CHECKER + " did not finish within " + CHECK_SECONDS + " s");
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.exitValue(), output);
    }

    /** postconf's answer; fails the test when it does not finish or fails. */
    private static String postconf(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("postconf"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish within " + CHECK_SECONDS + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), command + ": " + out);
        return out;
    }
}
