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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private static String message(String nameOrPath) {
        return assertThrows(ProfileException.class, () -> new ProfileLoader().load(nameOrPath)).getMessage();
    }

    @Test
    void bundledDefaultMatchesTheBuiltInValues() throws ProfileException {
        Profile p = new ProfileLoader().load("default");
        Profile builtIn = Profile.builtIn();
        assertEquals("default", p.name());
        assertEquals(List.of(25, 465, 587), p.ports());
        assertEquals(builtIn.modes(), p.modes());
        assertEquals(Mode.IMPLICIT_TLS, p.modes().get(465));
        assertEquals(builtIn.probe(), p.probe());
        assertEquals(builtIn.judge(), p.judge());
        assertEquals(Severity.FAIL, p.failOn());
    }

    @Test
    void fileOverridesOnlyWhatItNames() throws Exception {
        Path file = write("custom.yaml", """
                name: custom
                ports: [25, 2525]
                modes:
                  2525: plain
                ehlo_name: probe.example.test
                try_starttls_unadvertised: false
                timeouts:
                  banner: 45s
                  connect: 500ms
                thresholds:
                  cert_expiry_warn_days: 30
                fail_on: warn
                severity:
                  AUTH_BEFORE_TLS: warn
                """);
        Profile p = new ProfileLoader().load(file.toString());
        assertEquals("custom", p.name());
        assertEquals(List.of(25, 2525), p.ports());
        assertEquals(Mode.PLAIN, p.modes().get(2525));
        assertEquals(Mode.STARTTLS, p.modes().get(25));
        assertEquals("probe.example.test", p.probe().ehloName());
        assertEquals(false, p.probe().tryStartTlsUnadvertised());
        assertEquals(Duration.ofSeconds(45), p.probe().bannerTimeout());
        assertEquals(Duration.ofMillis(500), p.probe().connectTimeout());
        assertEquals(Profile.builtIn().probe().totalTimeout(), p.probe().totalTimeout());
        assertEquals(30, p.judge().expiryWarnDays());
        assertEquals(7, p.judge().expiryFailDays());
        assertEquals(Severity.WARN, p.judge().severityOverrides().get("AUTH_BEFORE_TLS"));
        assertEquals(Severity.WARN, p.failOn());
    }

    @Test
    void extendsMergesChildOverParent() throws Exception {
        write("base.yaml", """
                ports: [2525]
                timeouts:
                  banner: 5s
                severity:
                  PORT_REFUSED: info
                """);
        Path child = write("child.yaml", "extends: " + dir.resolve("base.yaml") + "\nname: child\ntimeouts:\n  command: 3s\n");
        Profile p = new ProfileLoader().load(child.toString());
        assertEquals("child", p.name());
        assertEquals(List.of(2525), p.ports());
        assertEquals(Duration.ofSeconds(5), p.probe().bannerTimeout());
        assertEquals(Duration.ofSeconds(3), p.probe().commandTimeout());
        assertEquals(Severity.INFO, p.judge().severityOverrides().get("PORT_REFUSED"));

        Path fromBundled = write("fromdefault.yaml", "extends: default\nports: [587]\n");
        assertEquals(List.of(587), new ProfileLoader().load(fromBundled.toString()).ports());
    }

    @Test
    void extendsCycleIsRejected() throws Exception {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.writeString(a, "extends: " + b + "\n");
        Files.writeString(b, "extends: " + a + "\n");
        assertTrue(message(a.toString()).contains("extends itself"));
    }

    @Test
    void unknownKeyIsRejectedWithFileAndLine() throws Exception {
        Path file = write("typo.yaml", """
                name: typo
                ports: [25]
                timeouts:
                  banner: 5s
                  bannr: 5s
                """);
        String m = message(file.toString());
        assertTrue(m.startsWith(file + ":5: "), "file:line of the key: " + m);
        assertTrue(m.contains("unknown key 'bannr'"), m);
        assertTrue(m.contains("banner"), "lists the known keys: " + m);
    }

    /** Regression: Jackson reported the end of the enclosing mapping (records use a property-based creator). */
    @Test
    void unknownKeyLineIsTheLineOfTheKey() throws Exception {
        Path file = write("typo.yaml", "name: typo\nports: [25]\ntimeouts:\n  banner: 5s\n  bannr: 5s\n");
        assertTrue(message(file.toString()).startsWith(file + ":5: "), message(file.toString()));
        Path top = write("top.yaml", "name: x\nport: [25]\nfail_on: warn\n");
        assertTrue(message(top.toString()).startsWith(top + ":2: "), message(top.toString()));
        // The same word valid one level down is not mistaken for the unknown top-level key.
        Path levels = write("levels.yaml", "# comment\ntimeouts:\n    banner: 5s\n\n    connect: 1s\nbanner: 5s\n");
        assertTrue(message(levels.toString()).startsWith(levels + ":6: "), message(levels.toString()));
        Path nested = write("nested.yaml", "thresholds:\n  cert_expiry_warn_days: 30\ntimeouts:\n  total: 9s\n  cert_expiry_warn_days: 1\n");
        assertTrue(message(nested.toString()).startsWith(nested + ":5: "), message(nested.toString()));
        // Flow style is not located by indentation: Jackson's own location is kept.
        Path flow = write("flow.yaml", "timeouts: {bannr: 5s}\n");
        assertTrue(message(flow.toString()).matches("\\Q" + flow + "\\E:\\d+(:\\d+)?: unknown key 'bannr'.*"), message(flow.toString()));
    }

    @Test
    void wrongTypeIsRejectedWithFileAndLine() throws Exception {
        Path file = write("types.yaml", "name: t\nports: twenty-five\n");
        String m = message(file.toString());
        assertTrue(m.startsWith(file + ":2:"), m);
        Path badPort = write("badport.yaml", "ports: [25, 70000]\n");
        assertTrue(message(badPort.toString()).contains("70000 is not a port number"));
        Path badDuration = write("dur.yaml", "timeouts:\n  banner: soon\n");
        assertTrue(message(badDuration.toString()).contains("timeouts.banner: 'soon' is not a duration"));
        Path badMode = write("mode.yaml", "modes:\n  25: tunnel\n");
        assertTrue(message(badMode.toString()).contains("unknown mode 'tunnel'"));
        Path badSeverity = write("sev.yaml", "fail_on: critical\n");
        assertTrue(message(badSeverity.toString()).contains("fail_on: unknown severity 'critical'"));
        Path thresholds = write("thr.yaml", "thresholds:\n  cert_expiry_warn_days: 5\n  cert_expiry_fail_days: 10\n");
        assertTrue(message(thresholds.toString()).contains("must not exceed"));
    }

    @Test
    void unknownFindingIdInSeverityIsRejected() throws Exception {
        Path file = write("sev.yaml", "severity:\n  CERT_TOO_PRETTY: warn\n");
        String m = message(file.toString());
        assertTrue(m.contains(file.toString()) && m.contains("unknown finding id 'CERT_TOO_PRETTY'"), m);
    }

    @Test
    void missingEmptyAndUnknownProfiles() throws Exception {
        assertTrue(message(dir.resolve("nope.yaml").toString()).contains("does not exist"));
        assertTrue(message("no-such-profile").contains("no bundled profile named 'no-such-profile'"));
        assertTrue(message("bad name!").contains("invalid profile name"));
        Path empty = write("empty.yaml", "");
        assertTrue(message(empty.toString()).contains("empty"), message(empty.toString()));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(250), ProfileLoader.parseDuration("250ms"));
        assertEquals(Duration.ofMinutes(2), ProfileLoader.parseDuration(" 2m "));
        assertThrows(IllegalArgumentException.class, () -> ProfileLoader.parseDuration("0s"));
        assertThrows(IllegalArgumentException.class, () -> ProfileLoader.parseDuration("2h"));
        assertThrows(IllegalArgumentException.class, () -> ProfileLoader.parseDuration("61m"));
    }
}
