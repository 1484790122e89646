package io.smtpscope.profile;

import io.smtpscope.result.Severity;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileLoaderValidationTest {
    @TempDir
    Path dir;

    private final ProfileLoader loader = new ProfileLoader();

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /** The error for a bad profile: it must name the file and the line. */
    private String error(String yaml) throws IOException {
        Path file = write("bad.yaml", yaml);
        ProfileException e = assertThrows(ProfileException.class, () -> loader.load(file.toString()));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage().substring(file.toString().length());
    }

    @Test
    void everyBundledProfileLoadsAndEveryFileIsListed() throws Exception {
        for (String name : BundledProfiles.names()) {
            Profile p = loader.load(name);
            assertEquals(name, p.name());
            assertFalse(p.description().isBlank(), name);
        }
        try (Stream<Path> files = Files.list(Path.of("profiles"))) {
            List<String> shipped = files.map(f -> f.getFileName().toString().replace(".yaml", "")).sorted().toList();
            assertEquals(shipped, BundledProfiles.names().stream().sorted().toList());
        }
    }

    @Test
    void builtInAndDefaultFileAgree() throws Exception {
        Profile fromFile = loader.load("default");
        Profile builtIn = Profile.builtIn();
        assertEquals(builtIn.ports(), fromFile.ports());
        assertEquals(builtIn.modes(), fromFile.modes());
        assertEquals(builtIn.probe(), fromFile.probe());
        assertEquals(builtIn.judge(), fromFile.judge());
    }

    @Test
    void bundledProfilesSayWhatTheyPromise() throws Exception {
        Profile submission = loader.load("submission");
        assertEquals(List.of(465, 587), submission.ports());
        assertEquals(Mode.IMPLICIT_TLS, submission.modes().get(465));
        assertEquals(Severity.FAIL, submission.judge().severityOverrides().get("AUTH_NOT_OFFERED_SUBMISSION"));
        Profile health = loader.load("health");
        assertEquals(21, health.judge().expiryWarnDays());
        assertEquals(7, health.judge().expiryFailDays());
        assertEquals(Severity.WARN, health.failOn());
        assertTrue(health.probe().totalTimeout().compareTo(Profile.builtIn().probe().totalTimeout()) < 0);
        Profile strict = loader.load("strict");
        assertEquals("TLSv1.2", strict.judge().minTlsVersion());
        for (String id : List.of("TLS_LEGACY_PROTOCOL", "TLS_WEAK_CIPHER", "TLS_NO_FORWARD_SECRECY", "TLS_WEAK_DH")) {
            assertEquals(Severity.FAIL, strict.judge().severityOverrides().get(id), id);
        }
        Profile quick = loader.load("quick");
        assertFalse(quick.probe().reverseDns());
        assertEquals(List.of(25, 465, 587), quick.ports(), "inherited from default");
    }

    @Test
    void aUserProfileExtendsABundledOneAndOverridesParts() throws Exception {
        Path file = write("mine.yaml", """
                name: mine
                extends: strict
                ports: [587]
                reverse_dns: false
                thresholds:
                  slow_banner: 2500ms
                  min_rsa_bits: 3072
                severity:
                  TLS_NO_TLS13: info
                """);
        Profile p = loader.load(file.toString());
        assertEquals(List.of(587), p.ports());
        assertEquals(2500, p.judge().slowBannerMillis());
        assertEquals(3072, p.judge().minRsaBits());
        assertEquals(Severity.INFO, p.judge().severityOverrides().get("TLS_NO_TLS13"));
        assertEquals(Severity.FAIL, p.judge().severityOverrides().get("TLS_WEAK_CIPHER"), "kept from strict");
        assertEquals(Severity.WARN, p.failOn(), "kept from strict");
        assertFalse(p.probe().reverseDns());
        assertEquals(Duration.ofSeconds(120), p.probe().totalTimeout(), "kept from default");
    }

    @Test
    void unknownKeyIsRejectedWithItsLine() throws Exception {
        String message = error("""
                name: x
                thresholds:
                  cert_expiry_warn_days: 30
                  cert_expiry_worn_days: 10
                """);
        assertTrue(message.startsWith(":4:"), message);
        assertTrue(message.contains("unknown key 'cert_expiry_worn_days'") && message.contains("cert_expiry_warn_days"), message);
    }

    @Test
    void wrongTypesAreRejectedWithTheirLine() throws Exception {
        String text = error("""
                name: x
                thresholds:
                  cert_expiry_warn_days: soon
                """);
        assertTrue(text.startsWith(":3:") && text.contains("expected a whole number") && text.contains("soon"), text);
        String quoted = error("""
                name: x
                try_starttls_unadvertised: "yes"
                """);
        assertTrue(quoted.startsWith(":2:") && quoted.contains("true or false"), quoted);
        String scalarForList = error("""
                name: x
                ports: 25
                """);
        assertTrue(scalarForList.startsWith(":2:") && scalarForList.contains("a list"), scalarForList);
    }

    @Test
    void unknownFindingIdIsRejectedWithItsLine() throws Exception {
        String message = error("""
                name: x
                severity:
                  CERT_EXPIRED: warn
                  CERT_EXPIRD: warn
                """);
        assertEquals(":4: severity.CERT_EXPIRD: unknown finding id 'CERT_EXPIRD' (see 'smtpscope findings')", message);
    }

    @Test
    void badDurationsAndValuesAreRejectedWithTheirLine() throws Exception {
        assertEquals(":3: timeouts.banner: '30 seconds' is not a duration (examples: 500ms, 10s, 2m)", error("""
                name: x
                timeouts:
                  banner: 30 seconds
                """));
        assertTrue(error("""
                timeouts:
                  total: 2h
                """).startsWith(":2: timeouts.total: '2h'"));
        assertTrue(error("""
                fail_on: panic
                """).startsWith(":1: fail_on: unknown severity 'panic'"));
        assertTrue(error("""
                severity:
                  PORT_REFUSED: loud
                """).startsWith(":2: severity.PORT_REFUSED: unknown severity 'loud'"));
        assertTrue(error("""
                thresholds:
                  min_tls_version: TLSv1.4
                """).startsWith(":2: thresholds.min_tls_version: unknown TLS version 'TLSv1.4'"));
        assertTrue(error("""
                thresholds:
                  cert_expiry_warn_days: 5
                  cert_expiry_fail_days: 9
                """).startsWith(":3: thresholds.cert_expiry_fail_days: 9 must not exceed"));
        assertTrue(error("""
                ports: [25, 70000]
                """).startsWith(":1: ports: 70000 is not a port number"));
        assertTrue(error("""
                modes:
                  25: carrier-pigeon
                """).startsWith(":2: modes.25: unknown mode 'carrier-pigeon'"));
        assertTrue(error("""
                thresholds:
                  min_rsa_bits: 64
                """).startsWith(":2: thresholds.min_rsa_bits: 64 is outside"));
    }

    /** The name goes into the EHLO command line: a space or CR/LF in it would change the command itself. */
    @Test
    void anEhloNameThatIsNotAHostNameIsRejectedWithItsLine() throws Exception {
        assertEquals(":3: ehlo_name: 'mail example' is not a host name or address", error("""
                name: p
                ports: [25]
                ehlo_name: "mail example"
                """));
        String injected = error("""
                ehlo_name: "a\\r\\nMAIL FROM:<x>"
                """);
        assertTrue(injected.startsWith(":1: ehlo_name: 'a") && injected.endsWith("MAIL FROM:<x>' is not a host name or address"),
                injected);
        assertFalse(injected.contains("\r") || injected.contains("\n"), "control characters are shown escaped: " + injected);
        assertEquals("relay.example.org", loader.load(write("ok.yaml", "ehlo_name: relay.example.org\n").toString())
                .probe().ehloName());
        assertEquals("192.0.2.25", loader.load(write("ip.yaml", "ehlo_name: \"192.0.2.25\"\n").toString()).probe().ehloName());
    }

    @Test
    void brokenYamlAndBadReferences() throws Exception {
        String syntax = error("name: x\nports: [25, 587\n");
        assertTrue(syntax.matches(":\\d+(:\\d+)?: .+"), syntax);
        ProfileException missing = assertThrows(ProfileException.class, () -> loader.load(dir.resolve("none.yaml").toString()));
        assertTrue(missing.getMessage().contains("does not exist"));
        ProfileException unknown = assertThrows(ProfileException.class, () -> loader.load("paranoid"));
        assertTrue(unknown.getMessage().contains("strict"), "lists the bundled profiles: " + unknown.getMessage());
        Path a = write("a.yaml", "extends: " + dir.resolve("b.yaml") + "\n");
        write("b.yaml", "extends: " + a + "\n");
        ProfileException cycle = assertThrows(ProfileException.class, () -> loader.load(a.toString()));
        assertTrue(cycle.getMessage().contains("extends itself"), cycle.getMessage());
    }
}
