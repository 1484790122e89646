package io.smtpscope.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The real services the integration tests need: the loopback Postfix (+ Dovecot SASL) set up by
 * src/test/setup/*.sh, and a headless Chromium. Call it from {@code @BeforeEach} (never {@code @BeforeAll}:
 * an abort there hides the whole class from the counts), so every test that needs a service says so itself.
 *
 * <p>A missing service aborts the test (skipped, and said so on stderr) unless its requirement variable is
 * {@code 1}: then the test FAILS. src/scripts/test.sh exports both after the set-up ran, so a broken set-up
 * can never turn the real-MTA and browser tests into silent skips.
 *
 * <p>The Postfix fixture is found one way only: {@code $SMTPSCOPE_POSTFIX_DIR} (default
 * {@value #DEFAULT_POSTFIX_DIR}) holding {@code postfix.properties} and its siblings.
 */
public final class RealServices {
    public static final String REQUIRE_POSTFIX = "SMTPSCOPE_REQUIRE_POSTFIX";
    public static final String REQUIRE_BROWSER = "SMTPSCOPE_REQUIRE_BROWSER";
    public static final String REQUIRE_DNS = "SMTPSCOPE_REQUIRE_DNS";
    /** The post-quantum STARTTLS server of src/test/setup/70-pq.sh (X25519MLKEM768). */
    public static final String REQUIRE_PQ = "SMTPSCOPE_REQUIRE_PQ";
    public static final String PQ_DIR = "SMTPSCOPE_PQ_DIR";
    static final String DEFAULT_PQ_DIR = "/var/tmp/smtpscope-pq";
    public static final String POSTFIX_DIR = "SMTPSCOPE_POSTFIX_DIR";
    public static final String REQUIRE_NGINX = "SMTPSCOPE_REQUIRE_NGINX";
    static final String DEFAULT_POSTFIX_DIR = "/var/tmp/smtpscope-postfix";
    private static final String POSTFIX_SETUP = "run src/scripts/test.sh (or src/test/setup/*.sh) as root";

    /** Where the variables come from, the console, and where Chromium may be: a test of this class replaces them. */
    static Function<String, String> environment = System::getenv;
    static PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    static List<Path> chromiumCandidates = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
            .map(Path::of).toList();

    private RealServices() {
    }

    /** The directory the Postfix set-up scripts write their properties files into. */
    public static Path postfixDir() {
        String dir = environment.apply(POSTFIX_DIR);
        return Path.of(dir == null || dir.isBlank() ? DEFAULT_POSTFIX_DIR : dir);
    }

    /** The base Postfix (ports 25/465/587, SASL), from {@code postfix.properties}; aborts or fails when missing. */
    public static PostfixFixture postfix() {
        return new PostfixFixture(postfixProperties("postfix.properties"));
    }

    /**
     * One of the Postfix set-up's properties files ({@code postfix.properties}, {@code tls-variants.properties},
     * {@code swap.properties}); aborts or fails when it is missing or unreadable, and refuses a non-loopback host.
     */
    public static Properties postfixProperties(String fileName) {
        Path file = postfixDir().resolve(fileName);
        requirePostfix(Files.isRegularFile(file), file + " is missing (" + POSTFIX_SETUP + ")");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            requirePostfix(false, "cannot read " + file + ": " + e.getMessage());
        }
        // The test MTA's address is whatever the set-up published (127.0.0.2 by default, beside the machine's own
        // MTA on 127.0.0.1): never assumed.
        String published = properties.getProperty("host");
        Assertions.assertNotNull(published, () -> file + " has no host (" + POSTFIX_SETUP + ")");
        String host = published.strip();
        // The network rule of the test suite: tests talk to loopback only, whatever a properties file says.
        Assertions.assertTrue(host.startsWith("127.") || host.equals("::1"), () -> file + ": refusing the non-loopback host " + host);
        return properties;
    }

    /** Another precondition of a Postfix test (a tool the set-up installs, root for a reload); aborts or fails. */
    public static void requirePostfix(boolean present, String what) {
        require(REQUIRE_POSTFIX, present, "real Postfix: " + what);
    }

    /**
     * The post-quantum server's {@code pq.properties} (host, port, group), from {@code $SMTPSCOPE_PQ_DIR} (default
     * {@value #DEFAULT_PQ_DIR}); aborts or fails (SMTPSCOPE_REQUIRE_PQ=1) when it is missing, and refuses a
     * non-loopback host.
     */
    public static Properties pqServer() {
        String dir = environment.apply(PQ_DIR);
        Path file = Path.of(dir == null || dir.isBlank() ? DEFAULT_PQ_DIR : dir).resolve("pq.properties");
        require(REQUIRE_PQ, Files.isRegularFile(file), "post-quantum server: " + file
                + " is missing (run src/test/setup/70-pq.sh as root)");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            require(REQUIRE_PQ, false, "post-quantum server: cannot read " + file + ": " + e.getMessage());
        }
        String host = String.valueOf(properties.getProperty("host")).strip();
        Assertions.assertTrue(host.startsWith("127.") || host.equals("::1"), () -> file + ": refusing the non-loopback host " + host);
        return properties;
    }

    /** The MTA-STS policy hosts (nginx) from src/test/setup/60-mta-sts.sh; aborts or fails when missing. */
    public static Properties mtaSts() {
        Path file = Path.of("/var/tmp/smtpscope-mta-sts/mta-sts.properties");
        require(REQUIRE_NGINX, Files.isRegularFile(file), "nginx (MTA-STS): " + file
                + " is missing (run src/test/setup/60-mta-sts.sh as root)");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            require(REQUIRE_NGINX, false, "cannot read " + file + ": " + e.getMessage());
        }
        String host = properties.getProperty("host", "").strip();
        Assertions.assertTrue(host.startsWith("127."), () -> file + ": refusing the non-loopback host " + host);
        return properties;
    }

    /**
     * The signed test DNS (NSD + validating Unbound) from src/test/setup/50-dns.sh: its {@code dns.properties};
     * aborts or fails when missing, and refuses a non-loopback resolver.
     */
    public static DnsFixture dns() {
        Path file = Path.of(DnsFixture.DEFAULT_DIR, "dns.properties");
        require(REQUIRE_DNS, Files.isRegularFile(file), "test DNS: " + file + " is missing (run src/test/setup/50-dns.sh as root)");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            require(REQUIRE_DNS, false, "test DNS: cannot read " + file + ": " + e.getMessage());
        }
        DnsFixture fixture = new DnsFixture(properties);
        Assertions.assertTrue(fixture.resolver().startsWith("127."), () -> file + ": refusing the non-loopback resolver " + fixture.resolver());
        return fixture;
    }

    /** Another precondition of a test-DNS test (a tool the set-up installs); aborts or fails. */
    public static void requireDns(boolean present, String what) {
        require(REQUIRE_DNS, present, "test DNS: " + what);
    }

    /** Headless Chromium's executable; aborts or fails when none is installed. */
    public static Path chromium() {
        Optional<Path> found = chromiumCandidates.stream().filter(Files::isExecutable).findFirst();
        require(REQUIRE_BROWSER, found.isPresent(), "browser: chromium is not installed (run src/test/setup/30-chromium.sh as root)");
        return found.orElseThrow();
    }

    /**
     * On the test's stderr (which surefire keeps in the class's output file) and on the JVM's own stderr, which
     * a forked surefire JVM passes to the build's console: a skip must be seen where the build is read.
     */
    private static void loudly(String message) {
        System.err.println(message);
        if (System.err != console) {
            console.println(message);
        }
    }

    /** Whether {@code variable} asks for a failure instead of a skip. */
    static boolean required(String variable) {
        return "1".equals(environment.apply(variable));
    }

    private static void require(String variable, boolean present, String what) {
        if (present) {
            return;
        }
        if (required(variable)) {
            String message = "*** FAILED (" + variable + "=1): " + what + " ***";
            loudly(message);
            Assertions.fail(message);
        }
        String message = "*** SKIPPED: " + what + "; set " + variable + "=1 to make this a failure ***";
        loudly(message);
        Assumptions.abort(message);
    }

}
